using Microsoft.Extensions.Options;

namespace Flireo.Examples.Restaurant.Reservations;

/// <summary>Keeps tables, bookings and guests in memory, seeded from the embedded defaults; one lock guards every change.</summary>
/// <remarks>Data is lost on restart: fine for a demo and for tests, not for a real restaurant.</remarks>
internal sealed class InMemoryReservationStore : IReservationStore
{
    private readonly Lock _gate = new();
    private readonly TimeSpan _sitting;
    private readonly Table[] _tables;
    private readonly OpeningHours[] _openingHours;
    private readonly Dictionary<string, Booking> _bookings = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Customer> _customers = new(StringComparer.Ordinal);

    public InMemoryReservationStore(IOptions<RestaurantOptions> options, TimeProvider time)
    {
        _sitting = options.Value.SittingDuration;
        var seed = ReservationSeed.LoadEmbedded();
        _tables = [.. seed.Tables.OrderBy(t => t.Seats).ThenBy(t => t.Number)];
        _openingHours = [.. seed.OpeningHours];
        foreach (var customer in seed.Customers)
        {
            var phone = PhoneNumbers.Normalize(customer.Phone);
            _customers[phone] = customer with { Phone = phone };
        }

        var today = DateOnly.FromDateTime(time.GetLocalNow().DateTime);
        foreach (var b in seed.Bookings)
        {
            var table = Array.Find(_tables, t => t.Number == b.TableNumber)
                ?? throw new InvalidOperationException($"Seeded booking {b.Code} uses the unknown table {b.TableNumber}.");
            _bookings.Add(b.Code, new Booking(b.Code, today.AddDays(b.DaysFromToday), b.Time, b.PartySize, b.Name, PhoneNumbers.Normalize(b.Phone), table.Number, table.Seating, b.Notes));
        }
    }

    public Task<IReadOnlyList<OpeningHours>> GetOpeningHoursAsync(CancellationToken cancellationToken)
        => Task.FromResult<IReadOnlyList<OpeningHours>>(_openingHours);

    public Task<IReadOnlyList<Table>> FindFreeTablesAsync(DateOnly day, TimeOnly time, int partySize, SeatingArea? seating, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult<IReadOnlyList<Table>>(FreeTables(day, time, partySize, seating));
        }
    }

    public Task<Booking?> TryBookAsync(BookingRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var phone = PhoneNumbers.Normalize(request.Phone);
        lock (_gate)
        {
            // Checking and reserving under one lock: two callers can never get the same table.
            var free = FreeTables(request.Date, request.Time, request.PartySize, request.Seating);
            if (free.Count == 0)
            {
                return Task.FromResult<Booking?>(null);
            }

            var table = free[0];
            var code = ConfirmationCodes.Create();
            while (_bookings.ContainsKey(code))
            {
                code = ConfirmationCodes.Create();
            }

            var booking = new Booking(code, request.Date, request.Time, request.PartySize, request.Name, phone, table.Number, table.Seating, request.Notes);
            _bookings.Add(code, booking);
            _customers.TryAdd(phone, new Customer(phone, request.Name, Notes: null));
            return Task.FromResult<Booking?>(booking);
        }
    }

    public Task<Booking?> FindBookingAsync(string code, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult(_bookings.GetValueOrDefault(code));
        }
    }

    public Task<Booking?> CancelBookingAsync(string code, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (!_bookings.TryGetValue(code, out var booking))
            {
                return Task.FromResult<Booking?>(null);
            }

            var cancelled = booking with { Status = BookingStatus.Cancelled };
            _bookings[code] = cancelled;
            return Task.FromResult<Booking?>(cancelled);
        }
    }

    public Task<IReadOnlyList<Booking>> FindBookingsByPhoneAsync(string phone, DateOnly from, CancellationToken cancellationToken)
    {
        var normalized = PhoneNumbers.Normalize(phone);
        lock (_gate)
        {
            IReadOnlyList<Booking> found = [.. _bookings.Values
                .Where(b => b.Phone == normalized && b.Status == BookingStatus.Confirmed && b.Date >= from)
                .OrderBy(b => b.Date).ThenBy(b => b.Time)];
            return Task.FromResult(found);
        }
    }

    public Task<Customer?> FindCustomerAsync(string phone, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult(_customers.GetValueOrDefault(PhoneNumbers.Normalize(phone)));
        }
    }

    private List<Table> FreeTables(DateOnly date, TimeOnly time, int partySize, SeatingArea? seating)
    {
        var free = new List<Table>();
        foreach (var table in _tables)
        {
            if (table.Seats >= partySize && (seating is null || table.Seating == seating) && !IsTaken(table.Number, date, time))
            {
                free.Add(table);
            }
        }

        return free;
    }

    private bool IsTaken(int tableNumber, DateOnly date, TimeOnly time)
    {
        foreach (var booking in _bookings.Values)
        {
            // Two sittings on one table clash when they start less than one sitting apart.
            if (booking.TableNumber == tableNumber && booking.Date == date && booking.Status == BookingStatus.Confirmed
                && Math.Abs((booking.Time.ToTimeSpan() - time.ToTimeSpan()).Ticks) < _sitting.Ticks)
            {
                return true;
            }
        }

        return false;
    }
}
