using System.Diagnostics;
using FluentValidation;
using Mediator;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Outreach.Shared.Data;
using Outreach.Shared.Notifications;
using Outreach.Shared.Security;

namespace Outreach.Shared.Pipeline;

public static class Telemetry
{
    public const string SourceName = "Outreach";
    public static readonly ActivitySource Source = new(SourceName);
}

public sealed partial class TracingBehavior<TMessage, TResponse>(ILogger<TracingBehavior<TMessage, TResponse>> logger)
    : IPipelineBehavior<TMessage, TResponse>
    where TMessage : IMessage
{
    public async ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        using var activity = Telemetry.Source.StartActivity(typeof(TMessage).Name);
        var started = Stopwatch.GetTimestamp();
        try
        {
            return await next(message, cancellationToken);
        }
        catch (OutreachProblem problem)
        {
            activity?.SetTag("outreach.problem", problem.Status);
            throw;
        }
        finally
        {
            LogHandled(typeof(TMessage).Name, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
    }

    [LoggerMessage(LogLevel.Debug, "Handled {Message} in {ElapsedMs:0.0} ms")]
    private partial void LogHandled(string message, double elapsedMs);
}

public sealed class ValidationBehavior<TMessage, TResponse>(IEnumerable<IValidator<TMessage>> validators)
    : IPipelineBehavior<TMessage, TResponse>
    where TMessage : IMessage
{
    public async ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        Dictionary<string, string[]>? errors = null;
        foreach (var validator in validators)
        {
            var result = await validator.ValidateAsync(message, cancellationToken);
            if (result.IsValid) continue;
            errors ??= [];
            foreach (var group in result.Errors.GroupBy(e => ToCamelCase(e.PropertyName)))
            {
                errors[group.Key] = [.. group.Select(e => e.ErrorMessage)];
            }
        }
        if (errors is not null) throw new ValidationProblem(errors);
        return await next(message, cancellationToken);
    }

    private static string ToCamelCase(string name) =>
        string.IsNullOrEmpty(name) || char.IsLower(name[0]) ? name : char.ToLowerInvariant(name[0]) + name[1..];
}

/// <summary>
/// One transaction per command. Notifications raised inside it are stored in it, then delivered once it has committed;
/// a subscriber that fails is retried later and never turns the committed command into an error (ADR 0015).
/// </summary>
public sealed class TransactionBehavior<TMessage, TResponse>(DbSession session, NotificationDelivery delivery, IOptions<NotificationOptions> options)
    : IPipelineBehavior<TMessage, TResponse>
    where TMessage : IMessage
{
    public async ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        if (message is not IBaseCommand || session.Transaction is not null)
        {
            return await next(message, cancellationToken);
        }

        TResponse response;
        try
        {
            response = await RunInTransaction(message, next, cancellationToken);
        }
        catch (Exception ex) when (message is IIdempotentCreate && DbErrors.IsUniqueViolation(ex))
        {
            response = await RunInTransaction(message, next, cancellationToken);
        }
        // Once the work is done, a caller hanging up must not leave the outcome in doubt.
        await session.CommitAsync(CancellationToken.None);

        var committed = session.TakeCommittedNotifications();
        if (committed.Count > 0 && options.Value.DeliverAfterCommit) await delivery.DeliverAsync(committed);
        return response;
    }

    private async Task<TResponse> RunInTransaction(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        await session.BeginAsync(cancellationToken);
        try
        {
            return await next(message, cancellationToken);
        }
        catch
        {
            await session.RollbackAsync();
            throw;
        }
    }
}

/// <summary>
/// Records every denied request. It sits outside the transaction: a denial is written once the command has rolled
/// back, so the write cannot be lost with it or wait on its lock (SQLite has one writer). Inside a nested request the
/// entry is only noted, and the outermost request writes it.
/// </summary>
public sealed class DenialAuditBehavior<TMessage, TResponse>(AuditLog audit, DbSession session)
    : IPipelineBehavior<TMessage, TResponse>
    where TMessage : IMessage
{
    public async ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        try
        {
            return await next(message, cancellationToken);
        }
        catch (OutreachProblem problem) when (problem is ForbiddenProblem or OutOfScopeProblem && !problem.Audited)
        {
            var audited = message as IAuditedRequest;
            problem.Denial ??= problem is OutOfScopeProblem outOfScope
                ? new AuditEntry(typeof(TMessage).Name, outOfScope.Entity, outOfScope.Id, AuditOutcome.Denied, problem.Message)
                : new AuditEntry(typeof(TMessage).Name, audited?.AuditEntity ?? "-", audited?.AuditEntityId, AuditOutcome.Denied, problem.Message);
            if (session.Transaction is null)
            {
                problem.Audited = true;
                await audit.RecordAsync(problem.Denial, CancellationToken.None);
            }
            throw;
        }
    }
}

/// <summary>Records every allowed call of a request that reads or writes personal data, in the same transaction as its writes.</summary>
public sealed class AuditBehavior<TMessage, TResponse>(AuditLog audit)
    : IPipelineBehavior<TMessage, TResponse>
    where TMessage : IMessage
{
    public async ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        var response = await next(message, cancellationToken);
        if (message is IAuditedRequest audited)
        {
            await audit.RecordAsync(new AuditEntry(typeof(TMessage).Name, audited.AuditEntity, audited.AuditEntityId, AuditOutcome.Allowed), cancellationToken);
        }
        return response;
    }
}
