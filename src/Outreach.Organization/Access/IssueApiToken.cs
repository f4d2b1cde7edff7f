using FluentValidation;
using Mediator;
using Microsoft.Extensions.Options;
using Outreach.Shared;
using Outreach.Shared.Data;
using Outreach.Shared.Security;

namespace Outreach.Organization.Access;

/// <summary>A signed-in user issues a token for a device or script of their own.</summary>
public sealed record IssueApiToken(string Name) : ICommand<IssuedApiToken>;

internal sealed class IssueApiTokenValidator : AbstractValidator<IssueApiToken>
{
    public IssueApiTokenValidator() => RuleFor(x => x.Name).NotEmpty().MaximumLength(TextLimits.Name);
}

internal sealed class IssueApiTokenHandler(DbSession db, ICurrentUser caller, TimeProvider time, IOptions<AccountOptions> options)
    : ICommandHandler<IssueApiToken, IssuedApiToken>
{
    public async ValueTask<IssuedApiToken> Handle(IssueApiToken command, CancellationToken cancellationToken)
    {
        caller.Require(Roles.All.ToArray());
        return await ApiTokens.IssueAsync(db, time, caller.UserId, command.Name, options.Value.ApiTokenDays, cancellationToken);
    }
}

/// <summary>A device exchanges a username and password for a token (the offline app's first sign-in). Subject to lockout.</summary>
public sealed record RequestApiToken(string Username, string Password, string Name) : ICommand<IssuedApiToken?>
{
    public override string ToString() => $"RequestApiToken {{ Username = {Username}, Name = {Name} }}";
}

internal sealed class RequestApiTokenValidator : AbstractValidator<RequestApiToken>
{
    public RequestApiTokenValidator()
    {
        RuleFor(x => x.Username).NotEmpty().MaximumLength(64);
        RuleFor(x => x.Password).NotEmpty().MaximumLength(128);
        RuleFor(x => x.Name).NotEmpty().MaximumLength(TextLimits.Name);
    }
}

internal sealed class RequestApiTokenHandler(DbSession db, PasswordCheck passwords, TimeProvider time, IOptions<AccountOptions> options)
    : ICommandHandler<RequestApiToken, IssuedApiToken?>
{
    public async ValueTask<IssuedApiToken?> Handle(RequestApiToken command, CancellationToken cancellationToken)
    {
        var (outcome, user) = await passwords.VerifyAsync(command.Username, command.Password, cancellationToken);
        if (outcome != SignInOutcome.Succeeded) return null;
        return await ApiTokens.IssueAsync(db, time, user!.Id, command.Name, options.Value.ApiTokenDays, cancellationToken);
    }
}
