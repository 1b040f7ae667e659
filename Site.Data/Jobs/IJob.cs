using System.Text.RegularExpressions;
using Site.Domain.Jobs;

namespace Site.Data.Jobs;

/// <summary>
/// The arguments of a job type, serialized as JSON into the queue. The type states its own name, queue and policy,
/// so either host can enqueue it without knowing who runs it.
/// </summary>
public interface IJob
{
    static abstract JobDefinition Definition { get; }
}

/// <summary>What a job type is called, where it waits, how often it is tried and how long it may run.</summary>
public sealed partial record JobDefinition(string Type, string Queue)
{
    public JobRetryPolicy Retry { get; init; } = JobRetryPolicy.Default;

    /// <summary>The handler is cancelled after this long (the reference's soft limit was 25 minutes).</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromMinutes(25);

    /// <summary>Null when the definition is usable, otherwise why not.</summary>
    public string? Problem() =>
        JobRequest.TypeProblem(Type)
        ?? (JobQueues.IsKnown(Queue) ? null : $"Job type '{Type}' names an unknown queue '{Queue}' (known: {string.Join(", ", JobQueues.All)}).")
        ?? Retry.Problem()
        ?? (Timeout > TimeSpan.Zero ? null : $"Job type '{Type}' needs a positive timeout.");
}

/// <summary>A job to enqueue, by type name: what schedules, retries and typed enqueues all come down to.</summary>
public sealed partial record JobRequest(string Type, string Queue, string Payload)
{
    public const int MaxTypeLength = 200;

    /// <summary>Null when <paramref name="type"/> is a well-formed job type name, otherwise why not.</summary>
    public static string? TypeProblem(string? type) =>
        type is { Length: > 0 and <= MaxTypeLength } && TypeName().IsMatch(type)
            ? null
            : $"'{type}' is not a job type name: use 1 to {MaxTypeLength} lower-case letters, digits, '.', '-' or '_'.";

    /// <summary>Null when the request can be enqueued, otherwise why not.</summary>
    public string? Problem() =>
        TypeProblem(Type)
        ?? (JobQueues.IsKnown(Queue) ? null : $"'{Queue}' is not a queue (known: {string.Join(", ", JobQueues.All)}).")
        ?? JobPayloads.JsonProblem(Payload);

    [GeneratedRegex("^[a-z0-9][a-z0-9._-]*$")]
    private static partial Regex TypeName();
}

/// <summary>When and how a job is enqueued.</summary>
public sealed record JobEnqueueOptions
{
    public const int MaxKeyLength = 200;

    /// <summary>Not before this time (UTC); null means now.</summary>
    public DateTimeOffset? RunAt { get; init; }

    /// <summary>Replace the pending job of the same type with this key (new arguments, new run time) instead of adding one.</summary>
    public string? DebounceKey { get; init; }

    /// <summary>Do nothing when a pending or running job of the same type holds this key.</summary>
    public string? IdempotencyKey { get; init; }

    public string? Problem()
    {
        if (DebounceKey is not null && IdempotencyKey is not null)
        {
            return "A job is either debounced or idempotent, not both: give a debounce key or an idempotency key.";
        }

        foreach (var (name, key) in new[] { ("debounce", DebounceKey), ("idempotency", IdempotencyKey) })
        {
            if (key is not null && (key.Length is 0 or > MaxKeyLength || key.Any(char.IsControl)))
            {
                return $"The {name} key must be 1 to {MaxKeyLength} printable characters.";
            }
        }

        return null;
    }
}

/// <summary>What enqueueing did.</summary>
public enum JobEnqueueOutcome
{
    /// <summary>A new job was added.</summary>
    Enqueued,

    /// <summary>A pending job with the same debounce key took the new arguments and run time.</summary>
    Debounced,

    /// <summary>A pending or running job with the same idempotency key exists; nothing was added.</summary>
    AlreadyQueued,
}

/// <summary>The job that holds the work after enqueueing, and how it got there.</summary>
public sealed record EnqueuedJob(long JobId, JobEnqueueOutcome Outcome);
