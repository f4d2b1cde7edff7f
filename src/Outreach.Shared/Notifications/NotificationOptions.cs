namespace Outreach.Shared.Notifications;

/// <summary>How notifications of committed commands are delivered to their subscribers (section <c>Notifications</c>).</summary>
public sealed class NotificationOptions
{
    public const string Section = "Notifications";

    /// <summary>Deliver right after the command commits, in the same request; the worker delivers whatever that left.</summary>
    public bool DeliverAfterCommit { get; set; } = true;

    /// <summary>How often the worker looks for deliveries that are due (left by a crash, or failed and waiting to retry).</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>A failing subscriber is retried after 30 s, 1 min, 2 min … up to <see cref="MaxRetryDelay"/>.</summary>
    public TimeSpan FirstRetryDelay { get; set; } = TimeSpan.FromSeconds(30);

    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromHours(1);

    /// <summary>After this many failed attempts a delivery stops and waits for an admin (the Notifications page).</summary>
    public int MaxAttempts { get; set; } = 10;

    /// <summary>How long a process holds a delivery it has claimed; another process may take it over after that.</summary>
    public TimeSpan Lease { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Notifications delivered to every subscriber are deleted after this many days.</summary>
    public int KeepDeliveredDays { get; set; } = 30;

    internal TimeSpan RetryDelay(int attempts)
    {
        var delay = FirstRetryDelay * Math.Pow(2, Math.Min(attempts - 1, 20));
        return delay < MaxRetryDelay ? delay : MaxRetryDelay;
    }
}
