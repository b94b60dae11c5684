using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace CivilizationNews.Core.Discovery;

public static class DiscoverySetup
{
    /// <summary>Feeds and sitemaps reads, feed options, and the link-push queue with its background sender.</summary>
    public static IServiceCollection AddDiscovery(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<FeedOptions>(configuration.GetSection(FeedOptions.SectionName));
        services.Configure<DiscoveryOptions>(configuration.GetSection(DiscoveryOptions.SectionName));
        services.AddScoped<DiscoveryReader>();
        services.AddHttpClient(LinkPushService.HttpClientName);
        services.TryAddSingleton<LinkPushNotifier>();
        services.TryAddSingleton<ILinkPushNotifier>(sp => sp.GetRequiredService<LinkPushNotifier>());
        services.AddHostedService<LinkPushService>();
        return services;
    }
}
