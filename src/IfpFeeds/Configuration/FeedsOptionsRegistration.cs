using Microsoft.Extensions.Options;

namespace IfpFeeds.Configuration;

/// <summary>Registers <see cref="FeedsOptions"/>: bound from <c>Feeds</c>, validated at start (<see cref="FeedsOptionsValidator"/>).</summary>
public static class FeedsOptionsRegistration
{
    public static IServiceCollection AddFeedsOptions(this IServiceCollection services)
    {
        services.AddOptions<FeedsOptions>()
            .BindConfiguration(FeedsOptions.SectionName)
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<FeedsOptions>, FeedsOptionsValidator>();
        return services;
    }
}
