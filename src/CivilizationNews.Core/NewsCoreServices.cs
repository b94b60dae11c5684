using CivilizationNews.Core.Accounts;
using CivilizationNews.Core.Auditing;
using CivilizationNews.Core.Content;
using CivilizationNews.Core.Contributors;
using CivilizationNews.Core.Dashboard;
using CivilizationNews.Core.Data;
using CivilizationNews.Core.Demo;
using CivilizationNews.Core.Editions;
using CivilizationNews.Core.Editing;
using CivilizationNews.Core.Features;
using CivilizationNews.Core.Feeds;
using CivilizationNews.Core.Importing;
using CivilizationNews.Core.LinkPush;
using CivilizationNews.Core.Media;
using CivilizationNews.Core.Reading;
using CivilizationNews.Core.Scheduling;
using CivilizationNews.Core.Search;
using CivilizationNews.Core.Sections;
using CivilizationNews.Core.Sitemaps;
using CivilizationNews.Core.Tags;
using CivilizationNews.Core.Units;
using CivilizationNews.Core.Workflow;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace CivilizationNews.Core;

/// <summary>Every service Core offers, registered in one place: the web app and the tools call this once.</summary>
public static class NewsCoreServices
{
    public static IServiceCollection AddNewsCore(this IServiceCollection services, IConfiguration configuration, DatabaseOptions database, string dataDirectory)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddSingleton(database);
        services.AddNewsDatabase(database, dataDirectory);
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<MarkdownRenderer>();
        services.AddScoped<DemoSeeder>();

        // Reading: the public pages.
        services.AddScoped<ArticleReader>();
        services.AddSingleton(new CivilizationNews.Core.Reading.Documents.ReadDocumentCache(new()
        {
            Entries = configuration.GetValue(CivilizationNews.Core.Reading.Documents.ReadDocumentCache.Options.Key, 1000),
        }));
        services.AddScoped<CivilizationNews.Core.Reading.Documents.StoryDocuments>();
        services.AddScoped<CivilizationNews.Core.Reading.Documents.PageDocuments>();
        services.AddScoped<CivilizationNews.Core.Reading.Documents.SeenGeneration>();
        services.AddScoped<SectionMenu>();
        services.AddScoped<ListReader>();
        services.AddScoped<UnitReader>();
        services.AddScoped<EditionReader>();
        services.AddScoped<FeatureReader>();
        services.AddScoped<HomeReader>();
        services.AddScoped<MediaReader>();
        services.Configure<FeedOptions>(configuration.GetSection(FeedOptions.SectionName));
        services.AddScoped<FeedReader>();
        services.AddScoped<SitemapReader>();

        // Search: one segmenter for the process (its dictionary loads on first use), the provider's search behind IStorySearch.
        services.AddSingleton(_ => ChineseSegmenter.Shared);
        services.AddScoped<IStorySearch, StorySearch>();
        services.AddScoped<SearchIndexer>();
        services.AddScoped<SearchFilterReader>();

        // The newsroom: editing, workflow, scheduling, features, media, print-page import, audit,
        // and the catalog desks (units, sections, tags, contributors, editions).
        services.AddScoped<AuditLog>();
        services.AddScoped<ArticleDesk>();
        services.AddScoped<ArticleEditorReader>();
        services.AddScoped<EditPresence>();
        services.AddScoped<ArticleWorkflow>();
        services.AddScoped<Precheck.PublishCheck>();
        services.AddScoped<Precheck.SensitiveWordDesk>();
        services.AddScoped<ScheduledPublisher>();
        services.AddHostedService<SchedulerService>();
        services.AddScoped<FeatureComposer>();
        services.AddScoped<FeatureComposerReader>();
        services.AddScoped<FeaturePublisher>();
        services.AddScoped<MediaLibrary>();
        // One HTTP client for pictures named in pasted HTML; it connects only to public addresses (SSRF guard).
        services.AddSingleton(_ => new RemoteImageFetcher());
        services.AddScoped<DraftCreator>();
        services.AddScoped<PageImportDesk>();
        services.AddScoped<Importing.Docx.DocxImportDesk>();
        services.Configure<PageRenderingOptions>(configuration.GetSection(PageRenderingOptions.SectionName));
        services.AddSingleton<IPageRenderer, PdftoppmRenderer>();
        services.AddScoped<Editions.FacsimileDesk>();
        services.AddSingleton<Editions.FacsimileQueueSignal>();
        services.AddHostedService<Editions.FacsimileProcessor>();
        services.AddScoped<UnitDesk>();
        services.AddScoped<DashboardReader>();

        // Accounts (Identity's UserManager is registered by the web app's AddIdentity) and the audit log.
        services.AddScoped<UserDesk>();
        services.AddScoped<AccountSecurity>();
        services.AddScoped<AccountActivity>();
        services.AddScoped<AuditReader>();

        services.AddScoped<SectionDesk>();
        services.AddScoped<TagDesk>();
        services.AddScoped<ContributorDesk>();
        services.AddScoped<EditionDesk>();

        // Link push: published URLs queued for the search engines, sent by a background service with retries.
        services.Configure<LinkPushOptions>(configuration.GetSection(LinkPushOptions.SectionName));
        services.AddHttpClient(LinkPushService.HttpClientName);
        services.TryAddSingleton<LinkPushNotifier>();
        services.TryAddSingleton<ILinkPushNotifier>(sp => sp.GetRequiredService<LinkPushNotifier>());
        services.AddHostedService<LinkPushService>();
        return services;
    }
}
