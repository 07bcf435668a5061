namespace Flireo.Tools.Async;

/// <summary>Configures how the processor of an <see cref="IToolWorkLeaseStore"/> polls it, renews leases and asks for housekeeping.</summary>
/// <remarks>
/// Set by <c>AddToolWorkStore</c>'s <c>configure</c>, or by the store's own <c>Add*</c> method from its options (the SQLite
/// and Redis stores derive them from their lease duration and poll interval). Concurrency, retries and the drain come from
/// <see cref="AsyncToolOptions"/>.
/// </remarks>
public sealed class ToolWorkStoreOptions
{
    /// <summary>Gets or sets how often the store is asked for due calls when nothing in this process stored one. Default 1 second.</summary>
    /// <remarks>Calls stored by this process start at once; the interval bounds how late retries, calls stored by other processes and calls of a crashed process start.</remarks>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Gets or sets how often the leases of running calls are renewed. Default 20 seconds.</summary>
    /// <remarks>Keep it well below the store's lease duration (a third is usual), so a busy process never loses a lease it still holds.</remarks>
    public TimeSpan LeaseRenewInterval { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>Gets or sets how often <see cref="IToolWorkLeaseStore.MaintainAsync"/> runs. Default 1 minute.</summary>
    public TimeSpan MaintenanceInterval { get; set; } = TimeSpan.FromMinutes(1);
}
