using System.Reflection;
using FluentValidation;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Outreach.Shared.Data;
using Outreach.Shared.Notifications;
using Outreach.Shared.Security;

namespace Outreach.Shared;

public static class SharedKernel
{
    public static IServiceCollection AddSharedKernel(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<DatabaseOptions>().Bind(configuration.GetSection(DatabaseOptions.Section));
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<ConnectionFactory>();
        services.AddScoped<DbSession>();
        services.AddScoped<AuditLog>();
        services.AddOptions<NotificationOptions>().Bind(configuration.GetSection(NotificationOptions.Section))
            .Validate(o => o.PollInterval > TimeSpan.Zero, "Notifications:PollInterval must be positive.")
            .Validate(o => o.FirstRetryDelay > TimeSpan.Zero && o.MaxRetryDelay >= o.FirstRetryDelay,
                "Notifications:FirstRetryDelay must be positive and no longer than Notifications:MaxRetryDelay.")
            .Validate(o => o.MaxAttempts >= 1, "Notifications:MaxAttempts must be at least 1.")
            .Validate(o => o.Lease >= TimeSpan.FromSeconds(10), "Notifications:Lease must be at least 10 seconds.")
            .Validate(o => o.KeepDeliveredDays >= 1, "Notifications:KeepDeliveredDays must be at least 1.")
            .ValidateOnStart();
        services.AddSingleton<NotificationOutbox>();
        services.AddSingleton<NotificationDelivery>();
        services.AddHostedService<NotificationDeliveryWorker>();
        services.AddModuleValidators(typeof(SharedKernel).Assembly);
        return services;
    }

    /// <summary>What every module registers: its validators. Handlers are registered by the host's source-generated mediator.</summary>
    public static IServiceCollection AddModuleValidators(this IServiceCollection services, Assembly moduleAssembly) =>
        services.AddValidatorsFromAssembly(moduleAssembly, ServiceLifetime.Singleton, includeInternalTypes: true);
}

public static class Text
{
    /// <summary>Trimmed text, or null when nothing but white space was entered.</summary>
    public static string? OrNull(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}

/// <summary>Defaults for the short-text limits every module applies.</summary>
public static class TextLimits
{
    public const int Name = 120;
    public const int ShortText = 250;
    public const int LongText = 4000;
}
