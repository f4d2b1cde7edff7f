using FluentValidation;
using Mediator;

namespace Outreach.Organization.Access;

public sealed record SignedInUser(Guid Id, string Username, string DisplayName, string Role);

/// <summary>The result of a sign-in: a user, or why not. Failures are results, not errors, so the failure count is committed.</summary>
public sealed record SignInResult(SignedInUser? User, bool IsLockedOut)
{
    public bool Succeeded => User is not null;
}

public sealed record SignIn(string Username, string Password) : ICommand<SignInResult>
{
    public override string ToString() => $"SignIn {{ Username = {Username} }}";
}

internal sealed class SignInValidator : AbstractValidator<SignIn>
{
    public SignInValidator()
    {
        RuleFor(x => x.Username).NotEmpty().MaximumLength(64);
        RuleFor(x => x.Password).NotEmpty().MaximumLength(128);
    }
}

internal sealed class SignInHandler(PasswordCheck passwords) : ICommandHandler<SignIn, SignInResult>
{
    public async ValueTask<SignInResult> Handle(SignIn command, CancellationToken cancellationToken)
    {
        var (outcome, user) = await passwords.VerifyAsync(command.Username, command.Password, cancellationToken);
        return outcome switch
        {
            SignInOutcome.Succeeded => new SignInResult(new SignedInUser(user!.Id, user.Username, user.DisplayName, user.Role), false),
            SignInOutcome.LockedOut => new SignInResult(null, true),
            _ => new SignInResult(null, false),
        };
    }
}
