using System.Reflection;
using System.Text.Json;
using CivilizationNews.Core.Articles;
using CivilizationNews.Core.Contributors;
using CivilizationNews.Core.Data;
using CivilizationNews.Core.Editions;
using CivilizationNews.Core.Features;
using CivilizationNews.Core.Media;
using CivilizationNews.Core.Sections;
using CivilizationNews.Core.Tags;
using CivilizationNews.Core.Units;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace CivilizationNews.Core.Demo;

/// <summary>
/// Seeds the demo paper: the annual civilization-creation roundup as a feature on its print page,
/// and several editions of ordinary stories. The content is embedded JSON; the photos are painted locally.
/// </summary>
public sealed partial class DemoSeeder(NewsDbContext db, ILogger<DemoSeeder> logger)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private static readonly string[] BundleFiles = ["roundup.json", "stories.json"];

    /// <summary>Seeds only when the database holds no content at all.</summary>
    public async Task<bool> SeedIfEmptyAsync(CancellationToken cancellationToken = default)
    {
        if (await db.Articles.AnyAsync(cancellationToken).ConfigureAwait(false)
            || await db.Sections.AnyAsync(cancellationToken).ConfigureAwait(false))
        {
            return false;
        }
        await SeedAsync(cancellationToken).ConfigureAwait(false);
        return true;
    }

    /// <summary>Adds the demo content. Slugs already present are left alone, so running twice is harmless.</summary>
    public async Task SeedAsync(CancellationToken cancellationToken = default)
    {
        var catalog = Load<DemoCatalog>("catalog.json");
        var bundles = BundleFiles
            .Where(ResourceExists)
            .Select(Load<DemoBundle>)
            .ToList();

        if (await db.Sections.AnyAsync(s => s.Slug == catalog.Sections[0].Slug, cancellationToken).ConfigureAwait(false))
        {
            LogAlreadySeeded(logger);
            return;
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var sections = catalog.Sections.ToDictionary(s => s.Slug, s => new Section
        {
            Slug = s.Slug, Name = s.Name, Description = s.Description, SortOrder = s.Order,
        });
        var units = catalog.Units.ToDictionary(u => u.Slug, u => new Unit
        {
            Slug = u.Slug, Name = u.Name, ShortName = u.ShortName, Kind = UnitKinds.Parse(u.Kind),
            IndustrySystem = u.Industry, Address = u.Address, Description = u.Description,
            Honours = (u.Honours ?? []).Select(h => new UnitHonour { Year = h.Year, Title = h.Title }).ToList(),
        });
        var contributors = catalog.Contributors.ToDictionary(c => c.Slug, c => new Contributor
        {
            Slug = c.Slug, Name = c.Name, Organisation = c.Organisation,
            UsualRole = CreditRoles.TryParse(c.Role, out var role) ? role : CreditRole.Reporter,
        });
        var pages = new Dictionary<(DateOnly, int), EditionPage>();
        foreach (var e in catalog.Editions)
        {
            var edition = new Edition { Date = e.Date, Number = e.Number, IsPublished = true };
            foreach (var p in e.Pages)
            {
                var page = new EditionPage { Number = p.Number, Name = p.Name };
                edition.Pages.Add(page);
                pages[(e.Date, p.Number)] = page;
            }
            db.Editions.Add(edition);
        }
        db.Sections.AddRange(sections.Values);
        db.Units.AddRange(units.Values);
        db.Contributors.AddRange(contributors.Values);

        var tags = new Dictionary<string, Tag>(StringComparer.Ordinal);
        var photos = new Dictionary<string, MediaItem>(StringComparer.Ordinal);
        var articles = new Dictionary<string, Article>(StringComparer.Ordinal);
        var seed = 1;
        foreach (var photo in bundles.SelectMany(b => b.Photos ?? []))
        {
            var bytes = DemoImageGenerator.Paint(photo.Scene, photo.Hue, seed++);
            var item = new MediaItem
            {
                AltText = photo.Alt, Caption = photo.Caption, ContentType = "image/jpeg",
                CreditKind = photo.CreditKind == "供图" ? CreditKind.Provided : CreditKind.Photographed,
                CreditContributor = photo.Contributor is { } c ? contributors[c] : null,
                CreditText = photo.Contributor is null ? photo.Credit : null,
                Width = DemoImageGenerator.Width, Height = DemoImageGenerator.Height, ByteSize = bytes.Length,
                CreatedAt = DateTime.UtcNow,
            };
            foreach (var r in ImageProcessor.CreateRenditions(bytes, "image/jpeg"))
            {
                item.Variants.Add(new MediaVariant { Name = r.Name, ContentType = r.ContentType, Width = r.Width, Height = r.Height, Data = r.Data });
            }
            photos[photo.Key] = item;
            db.Media.Add(item);
        }

        foreach (var a in bundles.SelectMany(b => b.Articles ?? []))
        {
            var published = a.PublishedAt.UtcDateTime;
            var article = new Article
            {
                Kicker = a.Kicker, Title = a.Title, Subtitle = a.Subtitle, Summary = a.Summary, Dateline = a.Dateline,
                Body = a.Body, Section = sections[a.Section], Status = ArticleStatus.Published,
                PublishedAt = published, CreatedAt = published, UpdatedAt = published,
            };
            if (a.Placement is { } placement)
            {
                article.EditionPage = pages[(placement.Date, placement.Page)];
                article.PageOrder = placement.Order;
            }
            var order = 0;
            foreach (var slug in a.Units ?? [])
            {
                article.Units.Add(new ArticleUnit { Unit = units[slug], IsPrimary = order == 0, SortOrder = order++ });
            }
            order = 0;
            foreach (var credit in a.Credits ?? [])
            {
                article.Credits.Add(new ArticleCredit
                {
                    Contributor = contributors[credit.Contributor],
                    Role = CreditRoles.TryParse(credit.Role, out var role) ? role : CreditRole.Reporter,
                    SortOrder = order++,
                });
            }
            order = 0;
            foreach (var key in a.Photos ?? [])
            {
                article.Photos.Add(new ArticlePhoto { Media = photos[key], SortOrder = order++ });
            }
            foreach (var name in (a.Tags ?? []).Distinct(StringComparer.Ordinal))
            {
                if (!tags.TryGetValue(name, out var tag))
                {
                    tag = new Tag { Name = name };
                    tags[name] = tag;
                }
                article.Tags.Add(new ArticleTag { Tag = tag });
            }
            order = 0;
            foreach (var f in a.KeyFigures ?? [])
            {
                article.KeyFigures.Add(new KeyFigure
                {
                    Label = f.Label, Value = f.Value, Measure = f.Measure, SourceText = f.Text, SortOrder = order++,
                    Qualifier = QualifierOf(f),
                });
            }
            articles[a.Key] = article;
            db.Articles.Add(article);
        }

        foreach (var f in bundles.SelectMany(b => b.Features ?? []))
        {
            var lead = articles[f.Lead];
            var feature = new Feature
            {
                Slug = f.Slug, Title = f.Title, Summary = f.Summary, LeadArticle = lead,
                IsPublished = true, PublishedAt = lead.PublishedAt,
                EditionPage = f.Placement is { } p ? pages[(p.Date, p.Page)] : null,
            };
            var order = 0;
            foreach (var key in f.Sidebars)
            {
                feature.Sidebars.Add(new FeatureSidebar { Article = articles[key], SortOrder = order++ });
            }
            order = 0;
            foreach (var key in f.Photos ?? [])
            {
                feature.Photos.Add(new FeaturePhoto { Media = photos[key], SortOrder = order++ });
            }
            order = 0;
            foreach (var role in f.Byline ?? [])
            {
                foreach (var name in role.Names)
                {
                    feature.Byline.Add(new FeatureByline
                    {
                        Role = CreditRoles.TryParse(role.Role, out var r) ? r : CreditRole.Reporter,
                        Name = name,
                        Contributor = contributors.Values.FirstOrDefault(c => c.Name == name),
                        SortOrder = order++,
                    });
                }
            }
            db.Features.Add(feature);
        }

        var painting = System.Diagnostics.Stopwatch.StartNew();
        var facsimiles = AddFacsimiles(catalog, pages, articles.Values, photos);
        painting.Stop();

        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        LogFacsimiles(logger, facsimiles, painting.ElapsedMilliseconds);
        LogSeeded(logger, articles.Count, photos.Count, catalog.Editions.Count);
    }

    /// <summary>
    /// Paints the page image of every demo page that carries stories, with each story's block as its region,
    /// and wraps the image in a one-page PDF, so that the e-paper shows the replica at once (issue 14's demo).
    /// </summary>
    private int AddFacsimiles(DemoCatalog catalog, Dictionary<(DateOnly, int), EditionPage> pages, IEnumerable<Article> articles,
        Dictionary<string, MediaItem> photos)
    {
        var placed = articles.Where(a => a.EditionPage is not null).GroupBy(a => a.EditionPage!)
            .ToDictionary(g => g.Key, g => g.OrderBy(a => a.PageOrder).ToList());
        var work = catalog.Editions.SelectMany(e => e.Pages.Select(p => (Edition: e, Page: p, Entity: pages[(e.Date, p.Number)])))
            .Where(w => placed.ContainsKey(w.Entity))
            .ToList();
        var thumbnails = photos.Values.ToDictionary(m => m, m => m.Variants.First(v => v.Name == "w480.jpg").Data);
        var painted = new (DemoPrintedPage Page, byte[] Pdf, List<PageFacsimileImage> Images)[work.Count];
        // Two pages at a time: painting and encoding are CPU work, and the demo seeds once.
        Parallel.For(0, work.Count, new ParallelOptions { MaxDegreeOfParallelism = 2 }, i =>
        {
            var (edition, page, entity) = work[i];
            var stories = placed[entity].Select(a => new DemoPrintedStory(a.Kicker, a.Title, a.Subtitle, a.Body,
                a.Photos.OrderBy(p => p.SortOrder).Select(p => thumbnails[p.Media!]).FirstOrDefault())).ToList();
            var printed = DemoFacsimilePainter.Paint(DemoPaperName, edition.Date, page.Number, page.Name, stories);
            painted[i] = (printed, FacsimileFiles.PdfOfImage(printed.Jpeg, printed.Width, printed.Height),
                // JPEG only: WebP would triple the time the first start takes, for pages that are mostly flat colour.
                FacsimileFiles.Renditions(printed.Jpeg, "image/jpeg", webp: false));
        });
        for (var i = 0; i < work.Count; i++)
        {
            var (edition, page, entity) = work[i];
            var (printed, pdf, images) = painted[i];
            db.PageFacsimiles.Add(new PageFacsimile
            {
                EditionPage = entity, UploadKey = Guid.NewGuid(), EditionDate = edition.Date, PageNumber = page.Number, PageName = page.Name,
                Width = printed.Width, Height = printed.Height, HasTextLayer = false,
                FileName = $"{DemoPaperName}-{edition.Date:yyyy-MM-dd}-第{page.Number}版.pdf", Pdf = pdf, PdfLength = pdf.Length,
                ImageSource = FacsimileImageSource.Demo, Status = FacsimileStatus.Attached, UploadedAt = DateTime.UtcNow, Images = images,
            });
            var stories = placed[entity];
            for (var s = 0; s < stories.Count; s++)
            {
                var region = printed.Regions[s];
                entity.Regions.Add(new EditionPageRegion
                {
                    Article = stories[s], Kind = PageRegionKind.Story, Order = s,
                    X = region.X, Y = region.Y, Width = region.Width, Height = region.Height,
                });
            }
        }
        return work.Count;
    }

    /// <summary>The demo paper's name, as its pages print it.</summary>
    private const string DemoPaperName = "河东日报";

    private static FigureQualifier QualifierOf(DemoFigure figure)
    {
        if (!figure.Approximate)
        {
            return FigureQualifier.Exact;
        }
        var text = figure.Text ?? string.Empty;
        return text.Contains("超过" + figure.Value, StringComparison.Ordinal) ? FigureQualifier.MoreThan
            : text.Contains("约" + figure.Value, StringComparison.Ordinal) ? FigureQualifier.About
            : FigureQualifier.Over;
    }

    private static string ResourceName(string file) => $"{typeof(DemoSeeder).Namespace}.Content.{file}";

    private static bool ResourceExists(string file) =>
        Assembly.GetExecutingAssembly().GetManifestResourceInfo(ResourceName(file)) is not null;

    private static T Load<T>(string file)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(ResourceName(file))
            ?? throw new InvalidOperationException($"Demo content {file} is not embedded.");
        return JsonSerializer.Deserialize<T>(stream, Json)
            ?? throw new InvalidOperationException($"Demo content {file} is empty.");
    }

    [LoggerMessage(EventId = 1003, Level = LogLevel.Information, Message = "Painted {Pages} demo page facsimiles in {Elapsed} ms")]
    private static partial void LogFacsimiles(ILogger logger, int pages, long elapsed);

    [LoggerMessage(EventId = 1001, Level = LogLevel.Information, Message = "Seeded demo content: {Articles} stories, {Photos} photos, {Editions} editions")]
    private static partial void LogSeeded(ILogger logger, int articles, int photos, int editions);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Information, Message = "Demo content is already present; nothing seeded")]
    private static partial void LogAlreadySeeded(ILogger logger);
}
