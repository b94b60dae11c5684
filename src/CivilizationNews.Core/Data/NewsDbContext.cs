using CivilizationNews.Core.Accounts;
using CivilizationNews.Core.Articles;
using CivilizationNews.Core.Auditing;
using CivilizationNews.Core.Contributors;
using CivilizationNews.Core.Editing;
using CivilizationNews.Core.Editions;
using CivilizationNews.Core.Features;
using CivilizationNews.Core.Media;
using CivilizationNews.Core.Reading.Documents;
using CivilizationNews.Core.Saving;
using CivilizationNews.Core.Search;
using CivilizationNews.Core.Sections;
using CivilizationNews.Core.Tags;
using CivilizationNews.Core.Units;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Microsoft.Extensions.DependencyInjection;

namespace CivilizationNews.Core.Data;

/// <summary>
/// The provider-neutral model. Provider-specific contexts derive from it and only add
/// provider tweaks; each owns its migrations folder.
/// </summary>
/// <remarks>
/// Every save goes through <see cref="SavePipeline"/> (Saving/); what it does after a commit is the application's
/// <see cref="AfterCommit"/>, absent where the context was built without the app's services (design-time tools,
/// tests that construct one). The app pools its contexts (<see cref="DatabaseSetup"/>), so a context has the
/// single constructor pooling requires and keeps no state between requests but what <see cref="DbContext"/>
/// resets: the save pipeline is dropped when the context goes back to the pool.
/// </remarks>
public abstract class NewsDbContext(DbContextOptions options) : IdentityDbContext<NewsUser>(options), IDataProtectionKeyContext
{
    private SavePipeline? _saves;

    public DbSet<Article> Articles => Set<Article>();
    public DbSet<ArticleUnit> ArticleUnits => Set<ArticleUnit>();
    public DbSet<ArticleCredit> ArticleCredits => Set<ArticleCredit>();
    public DbSet<ArticlePhoto> ArticlePhotos => Set<ArticlePhoto>();
    public DbSet<ArticleTag> ArticleTags => Set<ArticleTag>();
    public DbSet<KeyFigure> KeyFigures => Set<KeyFigure>();
    public DbSet<ArticleCorrection> ArticleCorrections => Set<ArticleCorrection>();
    public DbSet<Section> Sections => Set<Section>();
    public DbSet<Tag> Tags => Set<Tag>();
    public DbSet<Unit> Units => Set<Unit>();
    public DbSet<UnitHonour> UnitHonours => Set<UnitHonour>();
    public DbSet<Contributor> Contributors => Set<Contributor>();
    public DbSet<MediaItem> Media => Set<MediaItem>();
    public DbSet<MediaVariant> MediaVariants => Set<MediaVariant>();
    public DbSet<Feature> Features => Set<Feature>();
    public DbSet<FeatureSidebar> FeatureSidebars => Set<FeatureSidebar>();
    public DbSet<FeaturePhoto> FeaturePhotos => Set<FeaturePhoto>();
    public DbSet<FeatureByline> FeatureBylines => Set<FeatureByline>();
    public DbSet<Edition> Editions => Set<Edition>();
    public DbSet<EditionPage> EditionPages => Set<EditionPage>();
    public DbSet<PageFacsimile> PageFacsimiles => Set<PageFacsimile>();
    public DbSet<PageFacsimileImage> PageFacsimileImages => Set<PageFacsimileImage>();
    public DbSet<EditionPageRegion> EditionPageRegions => Set<EditionPageRegion>();

    /// <summary>Data-protection keys live in the database so that every instance shares them and sign-ins survive restarts.</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    public DbSet<ArticleRevision> ArticleRevisions => Set<ArticleRevision>();
    public DbSet<ArticleTransition> ArticleTransitions => Set<ArticleTransition>();
    public DbSet<ArticleEditPresence> ArticleEditPresences => Set<ArticleEditPresence>();
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();
    public DbSet<SetupToken> SetupTokens => Set<SetupToken>();

    /// <summary>敏感词 the administrator maintains for the pre-publish check (Precheck/).</summary>
    public DbSet<Precheck.SensitiveWord> SensitiveWords => Set<Precheck.SensitiveWord>();

    /// <summary>One row per published story, written with the story in the same transaction (Search/SearchChanges).</summary>
    public DbSet<SearchDocument> SearchDocuments => Set<SearchDocument>();

    /// <summary>Story pages ready to read, deleted in the transaction of any save that changes them (Reading/Documents).</summary>
    public DbSet<StoryDocument> StoryDocuments => Set<StoryDocument>();
    public DbSet<ReadGeneration> ReadGenerations => Set<ReadGeneration>();

    /// <summary>List pages ready to read (home, unit directory, unit profiles), deleted by tag in the transaction of a save that changes them.</summary>
    public DbSet<PageDocument> PageDocuments => Set<PageDocument>();
    public DbSet<PageDocumentTag> PageDocumentTags => Set<PageDocumentTag>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(NewsDbContext).Assembly);
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // Every DateTime is UTC; the database stores no kind, so mark values read back as UTC.
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcConverter>();
        configurationBuilder.Properties<DateTime?>().HaveConversion<NullableUtcConverter>();
    }

    /// <summary>The save path: versions, search index and page changes in the transaction, cache eviction and link push after it.</summary>
    internal SavePipeline Saves => _saves ??= new SavePipeline(this, AppAfterCommit());

    /// <summary>The application's <see cref="AfterCommit"/>, through the service provider the options were built with.</summary>
    private AfterCommit? AppAfterCommit() =>
        this.GetService<IDbContextOptions>().FindExtension<CoreOptionsExtension>()?.ApplicationServiceProvider?.GetService<AfterCommit>();

    // A pooled context is disposed when its request ends and leased again by a later one: what a transaction of
    // this request noted for after its commit must not reach the next request's commit.
    public override void Dispose()
    {
        _saves = null;
        base.Dispose();
        GC.SuppressFinalize(this);
    }

    public override async ValueTask DisposeAsync()
    {
        _saves = null;
        await base.DisposeAsync().ConfigureAwait(false);
        GC.SuppressFinalize(this);
    }

    protected override void OnConfiguring(DbContextOptionsBuilder optionsBuilder)
    {
        ArgumentNullException.ThrowIfNull(optionsBuilder);
        // The app's pooled options carry it already (DatabaseSetup), and pooling forbids changing them here; a
        // context built from bare options (design-time tools, tests) gets it added.
        if (optionsBuilder.Options.FindExtension<CoreOptionsExtension>()?.Interceptors?.Contains(CommitSignal.Instance) != true)
        {
            optionsBuilder.AddInterceptors(CommitSignal.Instance);
        }
    }

    public override int SaveChanges(bool acceptAllChangesOnSuccess) =>
        // Only the data-protection key store saves synchronously; the path is the same.
        Saves.SaveAsync(acceptAllChangesOnSuccess, (accept, _) => Task.FromResult(base.SaveChanges(accept)), CancellationToken.None)
            .GetAwaiter().GetResult();

    public override Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default) =>
        Saves.SaveAsync(acceptAllChangesOnSuccess, base.SaveChangesAsync, cancellationToken);

    internal sealed class UtcConverter() : ValueConverter<DateTime, DateTime>(
        v => v.Kind == DateTimeKind.Utc ? v : v.ToUniversalTime(),
        v => DateTime.SpecifyKind(v, DateTimeKind.Utc));

    internal sealed class NullableUtcConverter() : ValueConverter<DateTime?, DateTime?>(
        v => v == null ? v : v.Value.Kind == DateTimeKind.Utc ? v : v.Value.ToUniversalTime(),
        v => v == null ? v : DateTime.SpecifyKind(v.Value, DateTimeKind.Utc));
}
