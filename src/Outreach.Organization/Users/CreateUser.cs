using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Identity;
using Outreach.Organization.Access;
using Outreach.Organization.Regions;
using Outreach.Shared;
using Outreach.Shared.Data;
using Outreach.Shared.Security;

namespace Outreach.Organization.Users;

/// <summary>Create a user with one role, assigned to regions inside the admin's own scope.</summary>
public sealed record CreateUser(Guid? Id, string Username, string DisplayName, string Role, string Password, IReadOnlyList<Guid> RegionIds)
    : ICommand<UserDetails>, IAuditedRequest, IIdempotentCreate
{
    string IAuditedRequest.AuditEntity => "user";
    Guid? IAuditedRequest.AuditEntityId => Id;

    public override string ToString() => $"CreateUser {{ Id = {Id}, Username = {Username}, Role = {Role} }}";
}

internal sealed class CreateUserValidator : AbstractValidator<CreateUser>
{
    public CreateUserValidator()
    {
        RuleFor(x => x.Id).NotEqual(Guid.Empty);
        RuleFor(x => x.Username).NotEmpty().MaximumLength(64).Matches("^[A-Za-z0-9._@-]+$")
            .WithMessage("Use letters, digits and . _ @ - only.");
        RuleFor(x => x.DisplayName).NotEmpty().MaximumLength(TextLimits.Name);
        RuleFor(x => x.Role).Must(Roles.IsKnown).WithMessage($"Role must be one of: {string.Join(", ", Roles.All)}.");
        RuleFor(x => x.Password).NotEmpty().MinimumLength(PasswordRules.MinimumLength).MaximumLength(128);
        RuleFor(x => x.RegionIds).NotNull().Must(ids => ids is { Count: > 0 and <= 50 })
            .WithMessage("Assign between 1 and 50 regions.");
    }
}

internal sealed class CreateUserHandler(
    DbSession db, ICurrentUser caller, TimeProvider time, PasswordHasher<UserAccount> hasher, ISender sender)
    : ICommandHandler<CreateUser, UserDetails>
{
    private const string UsernameTakenSql = "SELECT COUNT(*) FROM org_user WHERE normalized_username = @Normalized";

    public async ValueTask<UserDetails> Handle(CreateUser command, CancellationToken cancellationToken)
    {
        caller.Require(Roles.Admin);
        var username = command.Username.Trim();
        var normalized = UserAccount.Normalize(username);
        var id = command.Id ?? NewId.Next(time);

        if (command.Id is not null && await db.QuerySingleOrDefaultAsync<UserAccount>(UserAccount.ByIdSql, new { Id = id }, cancellationToken) is { } existing)
        {
            var stored = await sender.Send(new GetUser(id), cancellationToken);
            var same = existing.NormalizedUsername == normalized && existing.DisplayName == command.DisplayName.Trim() && existing.Role == command.Role
                && stored.Regions.Select(r => r.Id).ToHashSet().SetEquals(command.RegionIds)
                && hasher.VerifyHashedPassword(UserAccount.Hashing, existing.PasswordHash, command.Password) != PasswordVerificationResult.Failed;
            if (!same) throw new ConflictProblem($"A different user was already created with id '{id}'.");
            return stored;
        }

        if (await db.ExecuteScalarAsync<long>(UsernameTakenSql, new { Normalized = normalized }, cancellationToken) > 0)
        {
            throw new ConflictProblem($"The username '{username}' is taken.");
        }

        var now = time.GetUtcNow();
        await db.InsertUserAsync(id, username, command.DisplayName.Trim(), command.Role,
            hasher.HashPassword(UserAccount.Hashing, command.Password), now, cancellationToken);

        await RegionAssignments.ReplaceAsync(db, caller, id, command.RegionIds, now, cancellationToken);
        return await sender.Send(new GetUser(id), cancellationToken);
    }
}
