namespace StakeholderCrm.Api.Features.Webhooks;

/// <summary>The <c>Webhooks</c> configuration section.</summary>
public sealed class WebhookOptions
{
    public const string Section = "Webhooks";

    /// <summary>Off: this instance neither fans changes out nor sends them (an instance that only serves reads).</summary>
    public bool Deliver { get; set; } = true;

    /// <summary>Allows http URLs, for a receiver inside a test or a trusted network; https otherwise.</summary>
    public bool AllowHttp { get; set; }

    /// <summary>Hosts (names or addresses) a subscription may name although they resolve to a private or loopback address.</summary>
    public List<string> AllowedHosts { get; set; } = new List<string>();

    /// <summary>
    /// Where ASP.NET Core Data Protection keeps the keys the signing secrets are encrypted with; empty: its default
    /// (the user profile). Every instance must read the same keys.
    /// </summary>
    public string KeysFolder { get; set; } = "";

    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How long a receiver has to answer one request.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>How long a message is retried before the subscription is disabled.</summary>
    public TimeSpan RetryWindow { get; set; } = TimeSpan.FromDays(3);

    /// <summary>The wait before each attempt; the last repeats. Empty: the Standard Webhooks schedule.</summary>
    public List<TimeSpan> RetryDelays { get; set; } = new List<TimeSpan>();

    /// <summary>How long both signatures are sent after a secret's rotation.</summary>
    public TimeSpan RotationOverlap { get; set; } = TimeSpan.FromHours(24);

    /// <summary>Put before the record's path in an event's <c>url</c> (https://crm.example.org); empty: the path alone.</summary>
    public string ApiBaseUrl { get; set; } = "";

    /// <summary>How often commitments and publications are checked for what falls due.</summary>
    public TimeSpan ReminderInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>commitment.dueSoon is sent this many days before the due date.</summary>
    public int DueSoonDays { get; set; } = 7;

    /// <summary>
    /// A date passed longer ago is not reminded of: the first start after this feature, or after a long stop, does not
    /// send a reminder for every old overdue record.
    /// </summary>
    public int ReminderLookbackDays { get; set; } = 7;

    /// <summary>Deliveries sent at once by one instance.</summary>
    public int BatchSize { get; set; } = 20;

    public static readonly IReadOnlyList<TimeSpan> StandardDelays = new List<TimeSpan>
    {
        TimeSpan.Zero, TimeSpan.FromSeconds(5), TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(30), TimeSpan.FromHours(2),
        TimeSpan.FromHours(5), TimeSpan.FromHours(10),
    };

    public IReadOnlyList<TimeSpan> Delays => RetryDelays.Count > 0 ? RetryDelays : StandardDelays;

    public bool IsValid => PollInterval > TimeSpan.Zero && Timeout > TimeSpan.Zero && RetryWindow > TimeSpan.Zero && RotationOverlap >= TimeSpan.Zero
        && BatchSize is >= 1 and <= 200 && ReminderInterval > TimeSpan.Zero && DueSoonDays is >= 0 and <= 365
        && ReminderLookbackDays is >= 0 and <= 365 && RetryDelays.All(d => d >= TimeSpan.Zero)
        && (ApiBaseUrl.Length == 0 || Uri.TryCreate(ApiBaseUrl, UriKind.Absolute, out _));
}
