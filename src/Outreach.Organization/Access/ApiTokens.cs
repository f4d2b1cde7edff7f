using System.Security.Cryptography;
using System.Text;
using Outreach.Shared;
using Outreach.Shared.Data;

namespace Outreach.Organization.Access;

public sealed record IssuedApiToken(Guid Id, string Name, string Token, DateTimeOffset ExpiresAt);

/// <summary>Opaque bearer tokens: 32 random bytes shown once; the database keeps only their SHA-256.</summary>
internal static class ApiTokens
{
    private const string InsertSql = """
        INSERT INTO org_api_token (id, user_id, name, token_hash, created_at, expires_at, revoked_at)
        VALUES (@Id, @UserId, @Name, @TokenHash, @Now, @ExpiresAt, NULL)
        """;

    public const string Prefix = "otr_";

    public static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    public static async Task<IssuedApiToken> IssueAsync(DbSession db, TimeProvider time, Guid userId, string name, int days, CancellationToken cancellationToken)
    {
        var token = Prefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var id = NewId.Next(time);
        var now = time.GetUtcNow();
        var expiresAt = now.AddDays(days);
        await db.ExecuteAsync(InsertSql, new { Id = id, UserId = userId, Name = name.Trim(), TokenHash = Hash(token), Now = now, ExpiresAt = expiresAt }, cancellationToken);
        return new IssuedApiToken(id, name.Trim(), token, expiresAt);
    }
}
