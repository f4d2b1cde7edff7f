namespace Outreach.Shared;

/// <summary>An expected failure that becomes an RFC 9457 problem response; never a 500.</summary>
public abstract class OutreachProblem(int status, string title, string detail) : Exception(detail)
{
    public int Status { get; } = status;
    public string Title { get; } = title;

    /// <summary>Extra members of the problem response, such as both versions of a conflicting record.</summary>
    public IDictionary<string, object?> Extensions { get; } = new Dictionary<string, object?>();

    /// <summary>The denial to record, noted by the innermost request that saw it.</summary>
    internal Security.AuditEntry? Denial { get; set; }

    /// <summary>Set once the denial has been written, so nested requests record it once.</summary>
    internal bool Audited { get; set; }
}

public sealed class NotFoundProblem(string entity, object id)
    : OutreachProblem(404, "Not found", $"No {entity} with id '{id}' exists in your regions.")
{
    public string Entity { get; } = entity;
}

/// <summary>The record exists but lies outside the caller's regions. Shown as 404 so that ids cannot be probed; audited as a denial.</summary>
public sealed class OutOfScopeProblem(string entity, Guid id)
    : OutreachProblem(404, "Not found", $"No {entity} with id '{id}' exists in your regions.")
{
    public string Entity { get; } = entity;
    public Guid Id { get; } = id;
}

public sealed class ForbiddenProblem(string detail) : OutreachProblem(403, "Forbidden", detail);

public sealed class ConflictProblem(string detail) : OutreachProblem(409, "Conflict", detail);

public sealed class ConcurrencyProblem(string entity, int expectedVersion)
    : OutreachProblem(409, "Edited by someone else", $"The {entity} was changed since version {expectedVersion} was read. Reload it and apply your change again.");

public sealed class UnprocessableProblem(string detail) : OutreachProblem(422, "Cannot be done", detail);

public sealed class ValidationProblem(IReadOnlyDictionary<string, string[]> errors)
    : OutreachProblem(400, "Invalid input", "One or more fields are invalid.")
{
    public IReadOnlyDictionary<string, string[]> Errors { get; } = errors;
}
