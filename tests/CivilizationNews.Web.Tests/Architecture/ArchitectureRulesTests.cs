using System.Reflection;
using CivilizationNews.Core.Data;
using CivilizationNews.Web.Tests.Support;
using Microsoft.AspNetCore.Mvc;

namespace CivilizationNews.Web.Tests.Architecture;

/// <summary>
/// The shape of the codebase as tests (docs/architecture.md): Core knows nothing of MVC or HTTP, one
/// partial writes raw HTML, and controllers reach the database only through Core readers and services.
/// </summary>
public sealed class ArchitectureRulesTests
{
    private static readonly Assembly Core = typeof(NewsDbContext).Assembly;
    private static readonly Assembly Web = typeof(CivilizationNews.Web.Controllers.HomeController).Assembly;
    private static readonly string WebSource = Path.Combine(AppProcess.RepositoryRoot(), "src", "CivilizationNews.Web");

    /// <summary>
    /// Controllers that still take NewsDbContext while issue 18 moves their queries and writes into Core
    /// services. The list only shrinks: a controller that stops taking the context must leave it (the test
    /// says so), and a new controller that takes it fails.
    /// </summary>
    private static readonly string[] StillTakingTheContext =
    [
        "AccountController", "AuditController", "CatalogController", "DashboardController",
        "EditionsController", "SearchController",
        "ShareController", "UsersController",
    ];

    [Fact]
    public void Core_references_no_MVC_routing_or_HTTP_pipeline_assembly()
    {
        var forbidden = new[] { "Microsoft.AspNetCore.Mvc", "Microsoft.AspNetCore.Http", "Microsoft.AspNetCore.Routing", "Microsoft.AspNetCore.Razor", "Microsoft.AspNetCore.Html" };
        var referenced = Core.GetReferencedAssemblies().Select(a => a.Name!).ToList();
        Assert.DoesNotContain(referenced, name => forbidden.Any(f => name.StartsWith(f, StringComparison.Ordinal)));

        // And no signature in Core names such a type (a reference through another assembly would not show above).
        var offending = Core.GetTypes()
            .SelectMany(t => Signatures(t).Select(used => (t, used)))
            .Where(p => p.used.Namespace is { } ns && forbidden.Any(f => ns.StartsWith(f, StringComparison.Ordinal)))
            .Select(p => $"{p.t.FullName} uses {p.used.FullName}")
            .Distinct()
            .ToList();
        Assert.True(offending.Count == 0, string.Join('\n', offending));
    }

    [Fact]
    public void Only_the_sanitized_rich_text_partial_writes_raw_HTML()
    {
        var views = Directory.EnumerateFiles(WebSource, "*.cshtml", SearchOption.AllDirectories)
            .Where(f => File.ReadAllText(f).Contains("Html.Raw(", StringComparison.Ordinal))
            .Select(f => Path.GetRelativePath(WebSource, f).Replace('\\', '/'))
            .ToList();
        Assert.Equal(["Views/Shared/_RichText.cshtml"], views);
        // Its model is SafeHtml, which only the sanitizing MarkdownRenderer makes.
        Assert.StartsWith("@model CivilizationNews.Core.Content.SafeHtml", File.ReadAllText(Path.Combine(WebSource, "Views", "Shared", "_RichText.cshtml")), StringComparison.Ordinal);

        // In code, only the JSON-LD tag helper writes unencoded content: JSON serialized by System.Text.Json,
        // whose default encoder escapes <, > and &, so no text can close the script element.
        var code = Directory.EnumerateFiles(WebSource, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Where(f => File.ReadAllText(f) is var text && (text.Contains("SetHtmlContent(", StringComparison.Ordinal) || text.Contains("Html.Raw(", StringComparison.Ordinal)))
            .Select(f => Path.GetRelativePath(WebSource, f).Replace('\\', '/'))
            .ToList();
        Assert.Equal(["TagHelpers/JsonLdTagHelper.cs"], code);
    }

    [Fact]
    public void Controllers_reach_the_database_only_through_Core_readers_and_services()
    {
        var taking = Web.GetTypes()
            .Where(t => typeof(ControllerBase).IsAssignableFrom(t) && !t.IsAbstract)
            .Where(t => t.GetConstructors().Any(c => c.GetParameters().Any(p => typeof(NewsDbContext).IsAssignableFrom(p.ParameterType))))
            .Select(t => t.Namespace!.Contains(".Areas.Admin.", StringComparison.Ordinal) && Web.GetTypes().Count(o => o.Name == t.Name) > 1
                ? $"{t.Name} (admin)" : t.Name)
            .Order(StringComparer.Ordinal)
            .ToList();
        var newOnes = taking.Except(StillTakingTheContext).ToList();
        Assert.True(newOnes.Count == 0, "These controllers take NewsDbContext; give them a Core reader or service instead: " + string.Join(", ", newOnes));
        var converted = StillTakingTheContext.Except(taking).ToList();
        Assert.True(converted.Count == 0, "These no longer take NewsDbContext: remove them from StillTakingTheContext: " + string.Join(", ", converted));
    }

    [Fact]
    public void Every_log_event_id_names_one_message()
    {
        // An event id is how an operator filters the log for one kind of event: two messages under one
        // id (cache eviction and link push both used 5001–5003) make that filter lie.
        const BindingFlags all = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static | BindingFlags.Instance;
        var messages = new[] { Core, Web }
            .SelectMany(a => a.GetTypes())
            .SelectMany(t => t.GetMethods(all | BindingFlags.DeclaredOnly))
            .Select(m => (Method: m, Attribute: m.GetCustomAttribute<Microsoft.Extensions.Logging.LoggerMessageAttribute>()))
            .Where(p => p.Attribute is { EventId: > 0 })
            .ToList();
        Assert.True(messages.Count > 20, $"found only {messages.Count} logger messages");
        var shared = messages.GroupBy(p => p.Attribute!.EventId)
            .Where(g => g.Count() > 1)
            .Select(g => $"{g.Key}: " + string.Join(", ", g.Select(p => $"{p.Method.DeclaringType!.Name}.{p.Method.Name}")))
            .ToList();
        Assert.True(shared.Count == 0, "Event ids used by more than one message:\n" + string.Join('\n', shared));
    }

    private static IEnumerable<Type> Signatures(Type type)
    {
        const BindingFlags all = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;
        if (type.BaseType is { } baseType)
        {
            yield return baseType;
        }
        foreach (var i in type.GetInterfaces())
        {
            yield return i;
        }
        foreach (var field in type.GetFields(all))
        {
            yield return field.FieldType;
        }
        foreach (var property in type.GetProperties(all))
        {
            yield return property.PropertyType;
        }
        foreach (var method in type.GetMethods(all).Cast<MethodBase>().Concat(type.GetConstructors(all)))
        {
            if (method is MethodInfo m)
            {
                yield return m.ReturnType;
            }
            foreach (var parameter in method.GetParameters())
            {
                yield return parameter.ParameterType;
            }
        }
    }
}
