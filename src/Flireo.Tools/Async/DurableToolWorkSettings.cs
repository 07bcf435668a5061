namespace Flireo.Tools.Async;

/// <summary>Holds the timing a durable back-end gives its <see cref="DurableToolWorkProcessor"/>.</summary>
/// <param name="PollInterval">How often the store is asked for due calls when nothing notified the processor.</param>
/// <param name="LeaseRenewInterval">How often the leases of running calls are renewed; well below the lease duration.</param>
/// <param name="MaintenanceInterval">How often the store does its housekeeping.</param>
internal sealed record DurableToolWorkSettings(TimeSpan PollInterval, TimeSpan LeaseRenewInterval, TimeSpan MaintenanceInterval);
