using System.ComponentModel;
using System.ComponentModel.DataAnnotations;

namespace Flireo.Tools.Tests.Definitions;

// Test-only tools a restaurant, a web shop, a clinic and a CRM would write. Their exported definitions are pinned by the
// golden files in ../Golden; the bodies only need to compile, since exporting never runs a tool.

public enum SeatingArea
{
    Any,
    Indoor,
    Terrace,
    Bar,
}

public enum DietaryNeed
{
    Vegetarian,
    Vegan,
    GlutenFree,
    NutAllergy,
}

public enum CancellationReason
{
    GuestRequest,
    NoShow,
    KitchenClosed,
}

public enum RefundReason
{
    Damaged,
    WrongItem,
    NotDelivered,
    ChangedMind,
}

public enum Carrier
{
    PostNL,
    DHL,
    UPS,
}

public enum Department
{
    Sales,
    Support,
    Billing,
    Reception,
}

[Description("How to reach the guest")]
public sealed record GuestContact(
    [property: Description("Full name as the guest says it")] [property: StringLength(100, MinimumLength = 2)] string Name,
    [property: Description("Mobile number in E.164 format")] [property: RegularExpression(@"^\+[1-9][0-9]{6,14}$")] string Phone,
    [property: EmailAddress] string? Email = null);

public sealed record BookingRequest(
    [property: Description("Day of the visit")] DateOnly Date,
    [property: Description("Arrival time, local to the restaurant")] TimeOnly Time,
    [property: Range(1, 20)] int Guests,
    GuestContact Guest,
    [property: Description("Dietary needs of anyone in the party")] IReadOnlyList<DietaryNeed>? Dietary = null,
    SeatingArea Area = SeatingArea.Any,
    [property: StringLength(500)] string? Notes = null);

public sealed record BookingConfirmation(Guid ReservationId, DateOnly Date, TimeOnly Time, int Guests);

public sealed record AvailableSlot(TimeOnly Time, SeatingArea Area);

public sealed record CustomerSummary(Guid Id, string Name, string? Email, int Visits);

public sealed record OrderStatus(string OrderNumber, string Status, DateOnly? ExpectedDelivery);

public sealed record QuoteLine(
    [property: Description("Catalogue article number")] [property: RegularExpression("^[A-Z]{3}-[0-9]{4}$")] string Sku,
    [property: Range(1, 999)] int Quantity,
    [property: Description("Price per unit in the quote's currency; omit to use the list price")] decimal? UnitPrice = null);

public sealed record PostalAddress(
    [property: Description("Street and house number")] string Street,
    [property: StringLength(10, MinimumLength = 4)] string PostalCode,
    string City,
    [property: RegularExpression("^[A-Z]{2}$")] string Country = "NL");

public sealed record Insurance(
    [property: Description("Name of the insurer")] string Company,
    [property: Description("Policy number on the insurance card")] string PolicyNumber);

public sealed class PatientRegistration
{
    [Required]
    [Description("First and last name")]
    public string FullName { get; set; } = "";

    public required DateOnly BirthDate { get; init; }

    [EmailAddress]
    public string? Email { get; set; }

    public required PostalAddress Address { get; init; }

    [Description("Leave empty when the patient pays privately")]
    public Insurance? Insurance { get; set; }

    [Length(0, 5)]
    [Description("Known allergies, one per item")]
    public List<string> Allergies { get; set; } = [];
}

public interface IReservationBook
{
    IReadOnlyList<AvailableSlot> Find(DateOnly date, int guests);
}

public interface ICustomerDirectory
{
    CustomerSummary? Find(string? phone, string? name, string? email);
}

internal sealed class EmptyReservationBook : IReservationBook
{
    public IReadOnlyList<AvailableSlot> Find(DateOnly date, int guests) => [];
}

internal sealed class EmptyCustomerDirectory : ICustomerDirectory
{
    public CustomerSummary? Find(string? phone, string? name, string? email) => null;
}

public sealed class RestaurantTools(IReservationBook book)
{
    [FlireoTool("check_availability", Description = "Checks which tables are free for a party on a given day. Use before booking.", Message = "Let me check the book for you.")]
    public Task<IReadOnlyList<AvailableSlot>> CheckAvailabilityAsync(
        [Description("Day of the visit")] DateOnly date,
        [Range(1, 20)] [Description("Number of guests including children")] int guests,
        [Description("Preferred arrival time, if the guest named one")] TimeOnly? preferredTime = null,
        SeatingArea area = SeatingArea.Any,
        CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(book.Find(date, guests));
    }

    [FlireoTool("book_table", Description = "Books a table once the guest has confirmed day, time and party size.")]
    public BookingConfirmation BookTable(BookingRequest request, ToolCallContext call)
    {
        ArgumentNullException.ThrowIfNull(request);
        return new BookingConfirmation(Guid.NewGuid(), request.Date, request.Time, request.Guests);
    }

    [FlireoTool("cancel_reservation")]
    [Description("Cancels an existing reservation.")]
    public ToolResult CancelReservation(
        [Description("Reservation id from the booking confirmation")] Guid reservationId,
        CancellationReason reason,
        [Description("Send the guest a cancellation text")] bool notifyGuest = true) =>
        ToolResult.Ok(new { reservationId, reason, notifyGuest });

    [FlireoTool(
        "send_confirmation_sms",
        Description = "Texts the guest a confirmation of their booking.",
        Async = true,
        Message = "I'm sending you a confirmation text now.")]
    public Task SendConfirmationAsync(
        [RegularExpression(@"^\+[1-9][0-9]{6,14}$")] [Description("Mobile number in E.164 format")] string phone,
        [StringLength(320)] string text,
        ToolCallContext call,
        CancellationToken cancellationToken) => Task.CompletedTask;
}

public sealed class CrmTools(ICustomerDirectory directory)
{
    [FlireoTool(Description = "Looks up a customer by phone number, name or e-mail address. Give at least one.")]
    public CustomerSummary? LookupCustomer(
        [RegularExpression(@"^\+[1-9][0-9]{6,14}$")] [Description("Phone number in E.164 format")] string? phone = null,
        [StringLength(100, MinimumLength = 2)] string? name = null,
        [EmailAddress] string? email = null) => directory.Find(phone, name, email);

    [FlireoTool("update_customer", Description = "Adds a note, tags and custom fields to a customer record.")]
    public async ValueTask<bool> UpdateCustomerAsync(
        Guid customerId,
        [Required] [StringLength(2000)] [Description("What the caller said, in one or two sentences")] string note,
        [Description("Labels such as 'vip' or 'complaint'")] string[] tags,
        [Description("Extra CRM fields by name")] Dictionary<string, string>? customFields,
        IServiceProvider services,
        CancellationToken cancellationToken)
    {
        await Task.Yield();
        return customerId != Guid.Empty;
    }

    [FlireoTool("log_interest", Description = "Records that the caller is interested in a product, for a sales follow-up.", Async = true)]
    public Task LogInterestAsync(
        [Description("Product or service the caller asked about")] string product,
        [Range(1, 5)] [Description("How keen the caller sounded, 1 (curious) to 5 (ready to buy)")] int interestLevel = 3,
        ToolCallContext? call = null) => Task.CompletedTask;

    [FlireoTool("get_caller_profile")]
    public CustomerSummary? GetCallerProfile(ToolCallContext call, ICustomerDirectory customers)
    {
        ArgumentNullException.ThrowIfNull(call);
        return customers.Find(call.CustomerNumber, null, null);
    }

    [FlireoTool("transfer_to_department", Description = "Hands the caller to a human colleague with a short summary.", TimeoutSeconds = 3)]
    public string TransferToDepartment(
        Department department,
        [StringLength(200)] [Description("One-line summary for the colleague")] string summary,
        ToolCallContext call) => $"Transferring to {department}.";
}

public sealed class OrderTools
{
    [FlireoTool(Description = "Tells where an order is and when it will arrive.")]
    public Task<OrderStatus> GetOrderStatusAsync(
        [RegularExpression("^ORD-[0-9]{6}$")] [Description("Order number such as ORD-123456")] string orderNumber,
        [Description("Also list the items in the order")] bool includeItems = false,
        CancellationToken cancellationToken = default) =>
        Task.FromResult(new OrderStatus(orderNumber, "shipped", null));

    [FlireoTool("request_refund", Description = "Starts a refund for (part of) an order.")]
    public ToolResult RequestRefund(
        [RegularExpression("^ORD-[0-9]{6}$")] string orderNumber,
        [Range(typeof(decimal), "0.01", "10000")] [Description("Amount in euros")] decimal amount,
        RefundReason reason,
        [Description("The caller's own words, if they gave any")] string? comment = null) =>
        amount > 0 ? ToolResult.Ok(new { orderNumber, amount, reason }) : ToolResult.Error("The amount must be positive.");

    [FlireoTool("track_shipment", Description = "Finds the delivery estimate of a parcel.")]
    public DateTimeOffset? TrackShipment(
        [StringLength(40, MinimumLength = 8)] string trackingCode,
        [Description("Carrier, when the caller knows it")] Carrier? carrier = null) => null;

    [FlireoTool("calculate_quote", Description = "Prices a list of articles, including discount and delivery.")]
    public decimal CalculateQuote(
        [Length(1, 50)] IList<QuoteLine> lines,
        [RegularExpression("^[A-Z]{3}$")] string currency = "EUR",
        [Range(0, 100)] double? discountPercent = null,
        [Description("Delivery date the caller wants")] DateTime? deliverBy = null,
        [Description("How long the order may take to prepare")] TimeSpan? preparationTime = null) =>
        lines?.Sum(l => (l.UnitPrice ?? 0m) * l.Quantity) ?? 0m;
}

public sealed class AppointmentTools
{
    [FlireoTool("find_free_slots", Description = "Lists free appointment slots between two days.")]
    public IReadOnlyList<DateTimeOffset> FindFreeSlots(
        DateOnly from,
        DateOnly to,
        [Description("Only these weekdays; all when empty")] List<DayOfWeek>? days,
        TimeOnly earliest,
        TimeOnly latest,
        [Range(1, 10)] int maxResults = 5) => [];

    [FlireoTool("reschedule_appointment", Description = "Moves an appointment to a new start time.")]
    public async Task<ToolResult> RescheduleAppointmentAsync(
        [Description("Appointment id read back to the caller earlier")] Guid appointmentId,
        [Description("New start, with the caller's UTC offset")] DateTimeOffset newStart,
        [Range(15, 240)] int durationMinutes = 30,
        string? reason = null,
        CancellationToken cancellationToken = default)
    {
        await Task.Yield();
        return newStart.Minute % 15 == 0 ? ToolResult.Ok(new { appointmentId, newStart }) : ToolResult.Error("Appointments start on the quarter hour.");
    }

    [FlireoTool("register_patient", Description = "Registers a new patient before their first appointment.")]
    public Guid RegisterPatient(PatientRegistration patient, CancellationToken cancellationToken) => Guid.NewGuid();
}
