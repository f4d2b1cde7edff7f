using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Identity;
using Outreach.Organization.Access;
using Outreach.Organization.Contracts;
using Outreach.Organization.Regions;
using Outreach.Shared;
using Outreach.Shared.Data;

namespace Outreach.Organization.Setup;

/// <summary>A new installation's first country and first administrator. Refused once any user exists.</summary>
public sealed record BootstrapOrganization(string CountryName, string? CountryLocalName, string Username, string DisplayName, string Password)
    : ICommand<Guid>
{
    public override string ToString() => $"BootstrapOrganization {{ CountryName = {CountryName}, Username = {Username} }}";
}

internal sealed class BootstrapOrganizationValidator : AbstractValidator<BootstrapOrganization>
{
    public BootstrapOrganizationValidator()
    {
        RuleFor(x => x.CountryName).NotEmpty().MaximumLength(TextLimits.Name);
        RuleFor(x => x.CountryLocalName).MaximumLength(TextLimits.Name);
        RuleFor(x => x.Username).NotEmpty().MaximumLength(64).Matches("^[A-Za-z0-9._@-]+$");
        RuleFor(x => x.DisplayName).NotEmpty().MaximumLength(TextLimits.Name);
        RuleFor(x => x.Password).NotEmpty().MinimumLength(PasswordRules.MinimumLength).MaximumLength(128);
    }
}

internal sealed class BootstrapOrganizationHandler(DbSession db, TimeProvider time, PasswordHasher<UserAccount> hasher)
    : ICommandHandler<BootstrapOrganization, Guid>
{
    private const string AnyUserSql = "SELECT COUNT(*) FROM org_user";

    private const string InsertCountrySql = """
        INSERT INTO org_region (id, parent_id, level, name, local_name, path, version, created_at, updated_at)
        VALUES (@Id, NULL, @Level, @Name, @LocalName, @Path, 1, @Now, @Now)
        """;

    private const string InsertAdminSql = """
        INSERT INTO org_user (id, username, normalized_username, display_name, role, password_hash, is_active,
                              failed_sign_ins, locked_until, version, created_at, updated_at)
        VALUES (@Id, @Username, @Normalized, @DisplayName, @Role, @PasswordHash, {true}, 0, NULL, 1, @Now, @Now)
        """;

    private const string AssignSql = "INSERT INTO org_user_region (user_id, region_id, assigned_at) VALUES (@UserId, @RegionId, @Now)";

    public async ValueTask<Guid> Handle(BootstrapOrganization command, CancellationToken cancellationToken)
    {
        if (await db.ExecuteScalarAsync<long>(AnyUserSql, cancellationToken: cancellationToken) > 0)
        {
            throw new ConflictProblem("This installation already has users; sign in as an administrator instead.");
        }

        var now = time.GetUtcNow();
        var countryId = NewId.Next(time);
        await db.ExecuteAsync(InsertCountrySql, new
        {
            Id = countryId,
            Level = (short)RegionLevel.Country,
            Name = command.CountryName.Trim(),
            LocalName = string.IsNullOrWhiteSpace(command.CountryLocalName) ? null : command.CountryLocalName.Trim(),
            Path = RegionLookup.ChildPath(null, countryId),
            Now = now,
        }, cancellationToken);

        var adminId = NewId.Next(time);
        await db.ExecuteAsync(InsertAdminSql, new
        {
            Id = adminId,
            Username = command.Username.Trim(),
            Normalized = UserAccount.Normalize(command.Username),
            DisplayName = command.DisplayName.Trim(),
            Role = Roles.Admin,
            PasswordHash = hasher.HashPassword(UserAccount.Hashing, command.Password),
            Now = now,
        }, cancellationToken);
        await db.ExecuteAsync(AssignSql, new { UserId = adminId, RegionId = countryId, Now = now }, cancellationToken);
        return adminId;
    }
}
