using System.Text.Json.Nodes;
using Flireo.Examples.Restaurant;
using Flireo.Examples.Restaurant.Reservations;
using Flireo.Tools;
using Flireo.Tools.Protocol;
using Flireo.Tools.Webhooks;
using Microsoft.Extensions.Options;

namespace Flireo.Examples.WebApp.Webhooks;

/// <summary>Greets known guests by name: answers <c>assistant-request</c> with a personal first message.</summary>
/// <remarks>Unknown and hidden numbers get <see cref="AssistantResponse.Default"/> (<c>{}</c>): the saved assistant, unchanged.</remarks>
/// <param name="store">The reservation store that knows the guests by phone number.</param>
/// <param name="restaurant">The restaurant options, for its name.</param>
/// <param name="flireo">The Flireo.Tools options, for a forced answer casing.</param>
/// <param name="logger">The logger.</param>
internal sealed class GreetingHandler(
    IReservationStore store,
    IOptions<RestaurantOptions> restaurant,
    IOptions<FlireoToolsOptions> flireo,
    ILogger<GreetingHandler> logger) : IAssistantRequestHandler
{
    public async ValueTask<AssistantResponse> HandleAsync(AssistantRequest request, CancellationToken cancellationToken)
    {
        var customer = request.Call.CustomerNumber is { Length: > 0 } number
            ? await store.FindCustomerAsync(number, cancellationToken)
            : null;
        if (customer is null)
        {
            Log.GreetingUnknownCaller(logger, request.Call.Id);
            return AssistantResponse.Default;
        }

        Log.GreetingKnownGuest(logger, request.Call.Id);
        var firstName = customer.Name.Split(' ', 2)[0];

        // Keys inside "assistant" are written as given, so follow the casing the answer uses (the request's, unless forced).
        var casing = flireo.Value.ResponseCasing ?? request.Casing;
        var firstMessageKey = casing == WebhookCasing.CamelCase ? "firstMessage" : "first_message";
        return AssistantResponse.UseAssistant(new JsonObject
        {
            [firstMessageKey] = $"Hallo {firstName}, fijn dat je weer belt met {restaurant.Value.Name}! Waarmee kan ik je helpen?",
        });
    }
}
