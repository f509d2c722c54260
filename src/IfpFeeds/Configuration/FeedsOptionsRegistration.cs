using Microsoft.Extensions.Options;

namespace IfpFeeds.Configuration;

/// <summary>Registers <see cref="FeedsOptions"/>: bound from <c>Feeds</c>, validated at start.</summary>
public static class FeedsOptionsRegistration
{
    public static IServiceCollection AddFeedsOptions(this IServiceCollection services)
    {
        services.AddOptions<FeedsOptions>()
            .BindConfiguration(FeedsOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<FeedsOptions>, FeedsOptionsValidator>();
        return services;
    }
}
