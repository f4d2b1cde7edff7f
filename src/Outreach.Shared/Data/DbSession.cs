using System.Data.Common;
using Dapper;
using Mediator;
using Outreach.Shared.Notifications;

namespace Outreach.Shared.Data;

/// <summary>
/// The connection and (for commands) the transaction of one request scope. Every handler's SQL goes through here,
/// so dialect tokens are rendered and the ambient transaction is always passed.
/// </summary>
public sealed class DbSession(ConnectionFactory factory, NotificationOutbox outbox) : IAsyncDisposable
{
    private readonly List<INotification> raised = [];
    private readonly List<Guid> committed = [];
    private DbConnection? connection;

    public SqlDialect Dialect => factory.Dialect;
    public DatabaseProvider Provider => factory.Provider;
    public DbTransaction? Transaction { get; private set; }

    public async ValueTask<DbConnection> ConnectionAsync(CancellationToken cancellationToken = default)
    {
        if (connection is null)
        {
            connection = await factory.OpenAsync(cancellationToken);
        }
        return connection;
    }

    public async Task<IReadOnlyList<T>> QueryAsync<T>(string sql, object? param = null, CancellationToken cancellationToken = default)
    {
        var rows = await (await ConnectionAsync(cancellationToken)).QueryAsync<T>(Command(sql, param, cancellationToken));
        return rows.AsList();
    }

    public async Task<T?> QuerySingleOrDefaultAsync<T>(string sql, object? param = null, CancellationToken cancellationToken = default) =>
        await (await ConnectionAsync(cancellationToken)).QuerySingleOrDefaultAsync<T>(Command(sql, param, cancellationToken));

    public async Task<T> ExecuteScalarAsync<T>(string sql, object? param = null, CancellationToken cancellationToken = default) =>
        (await (await ConnectionAsync(cancellationToken)).ExecuteScalarAsync<T>(Command(sql, param, cancellationToken)))!;

    public async Task<int> ExecuteAsync(string sql, object? param = null, CancellationToken cancellationToken = default) =>
        await (await ConnectionAsync(cancellationToken)).ExecuteAsync(Command(sql, param, cancellationToken));

    /// <summary>
    /// The row <paramref name="scopedSql"/> finds for the caller, or a 404: <see cref="OutOfScopeProblem"/> (audited as a
    /// denial) when <paramref name="existsSql"/> finds the id elsewhere, <see cref="NotFoundProblem"/> when nothing has it.
    /// </summary>
    public async Task<T> RequireInScopeAsync<T>(string scopedSql, object scopedArgs, string existsSql, string entity, Guid id, CancellationToken cancellationToken)
    {
        if (await QuerySingleOrDefaultAsync<T>(scopedSql, scopedArgs, cancellationToken) is { } row) return row;
        var exists = await ExecuteScalarAsync<long>(existsSql, new { Id = id }, cancellationToken) > 0;
        throw exists ? new OutOfScopeProblem(entity, id) : new NotFoundProblem(entity, id);
    }

    /// <summary>
    /// Ids for a <c>{in:column,@List}</c> parameter. SQLite stores ids as TEXT and Dapper binds list items without
    /// type handlers, so there they travel as strings.
    /// </summary>
    public object IdList(IEnumerable<Guid> ids) =>
        Provider == DatabaseProvider.Sqlite ? ids.Select(id => id.ToString()).ToArray() : ids.ToArray();

    /// <summary>A query's arguments plus the caller's scope ids by level, for filters over stored ancestry columns.</summary>
    public object ScopeArgs(ScopeIds ids, object values)
    {
        var args = new DynamicParameters(values);
        args.Add("CountryIds", IdList(ids.CountryIds));
        args.Add("StateIds", IdList(ids.StateIds));
        args.Add("DistrictIds", IdList(ids.DistrictIds));
        args.Add("BlockIds", IdList(ids.BlockIds));
        args.Add("VillageIds", IdList(ids.VillageIds));
        return args;
    }

    /// <summary>
    /// Raise a notification: it is stored with the command's writes when the transaction commits, and delivered to every
    /// subscriber after that, at least once (ADR 0015). A command that rolls back raises nothing.
    /// </summary>
    public void Raise(INotification notification) => raised.Add(notification);

    /// <summary>The ids of the notifications stored by the commits of this session that have not been delivered here yet.</summary>
    internal IReadOnlyList<Guid> TakeCommittedNotifications()
    {
        var copy = committed.ToArray();
        committed.Clear();
        return copy;
    }

    internal async Task BeginAsync(CancellationToken cancellationToken)
    {
        var open = await ConnectionAsync(cancellationToken);
        Transaction = await open.BeginTransactionAsync(cancellationToken);
    }

    internal async Task CommitAsync(CancellationToken cancellationToken)
    {
        try
        {
            var stored = raised.Count == 0 ? [] : await outbox.AppendAsync(this, raised, cancellationToken);
            await Transaction!.CommitAsync(cancellationToken);
            committed.AddRange(stored);
        }
        finally
        {
            raised.Clear();
            await EndTransactionAsync();
        }
    }

    /// <summary>Rolls back; a failure to roll back (a broken connection) must not hide the error that caused it.</summary>
    internal async Task RollbackAsync()
    {
        if (Transaction is null) return;
        try
        {
            await Transaction.RollbackAsync(CancellationToken.None);
        }
        catch (Exception ex) when (ex is InvalidOperationException or System.Data.Common.DbException)
        {
            // The transaction is already gone with its connection; the database rolls it back itself.
        }
        finally
        {
            raised.Clear();
            await EndTransactionAsync();
        }
    }

    private async Task EndTransactionAsync()
    {
        await Transaction!.DisposeAsync();
        Transaction = null;
    }

    private CommandDefinition Command(string sql, object? param, CancellationToken cancellationToken) =>
        new(Dialect.Render(sql), param, Transaction, cancellationToken: cancellationToken);

    public async ValueTask DisposeAsync()
    {
        if (Transaction is not null) await RollbackAsync();
        if (connection is not null) await connection.DisposeAsync();
    }
}

/// <summary>The ids of a caller's assigned regions by level; each list holds Guid.Empty when empty, as IN () is not portable.</summary>
public sealed record ScopeIds(
    IReadOnlyList<Guid> CountryIds, IReadOnlyList<Guid> StateIds, IReadOnlyList<Guid> DistrictIds,
    IReadOnlyList<Guid> BlockIds, IReadOnlyList<Guid> VillageIds);
