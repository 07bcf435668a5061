using Flireo.Examples.WebApp.Calls;

namespace Flireo.Examples.WebApp.Tests.Calls;

public sealed class InMemoryCallSummaryStoreTests
{
    private static CallSummary Summary(string callId, string text = "summary") =>
        new(callId, null, text, null, 60, null, DateTimeOffset.UnixEpoch);

    [Fact]
    public async Task SaveAsync_SameCallTwice_KeepsTheLatest()
    {
        var store = new InMemoryCallSummaryStore();

        await store.SaveAsync(Summary("c-1", "first"), default);
        await store.SaveAsync(Summary("c-1", "second"), default);

        (await store.FindAsync("c-1", default))!.Summary.Should().Be("second");
    }

    [Fact]
    public async Task SaveAsync_MoreCallsThanCapacity_ForgetsTheOldest()
    {
        var store = new InMemoryCallSummaryStore();

        for (var i = 0; i <= InMemoryCallSummaryStore.Capacity; i++)
        {
            await store.SaveAsync(Summary($"c-{i}"), default);
        }

        (await store.FindAsync("c-0", default)).Should().BeNull();
        (await store.FindAsync("c-1", default)).Should().NotBeNull();
        (await store.FindAsync($"c-{InMemoryCallSummaryStore.Capacity}", default)).Should().NotBeNull();
    }
}
