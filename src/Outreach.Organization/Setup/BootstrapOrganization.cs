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

    public async ValueTask<Guid> Handle(BootstrapOrganization command, CancellationToken cancellationToken)
    {
        if (await db.ExecuteScalarAsync<long>(AnyUserSql, cancellationToken: cancellationToken) > 0)
        {
            throw new ConflictProblem("This installation already has users; sign in as an administrator instead.");
        }

        var now = time.GetUtcNow();
        var countryId = NewId.Next(time);
        await db.InsertRegionAsync(countryId, null, null, RegionLevel.Country, command.CountryName.Trim(), Text.OrNull(command.CountryLocalName), now, cancellationToken);

        var adminId = NewId.Next(time);
        await db.InsertUserAsync(adminId, command.Username.Trim(), command.DisplayName.Trim(), Roles.Admin,
            hasher.HashPassword(UserAccount.Hashing, command.Password), now, cancellationToken);
        await db.AssignAsync(adminId, countryId, now, cancellationToken);
        return adminId;
    }
}
