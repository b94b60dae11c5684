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
        // View components too: the section row reads through ListReader.
        taking.AddRange(Web.GetTypes()
            .Where(t => typeof(ViewComponent).IsAssignableFrom(t) && !t.IsAbstract)
            .Where(t => t.GetConstructors().Any(c => c.GetParameters().Any(p => typeof(NewsDbContext).IsAssignableFrom(p.ParameterType))))
            .Select(t => t.Name));
        Assert.True(taking.Count == 0, "These take NewsDbContext; give them a Core reader or service instead: " + string.Join(", ", taking));
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

    private static IEnumerable<string> Views() =>
        Directory.EnumerateFiles(WebSource, "*.cshtml", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal));

    private static string Relative(string file) => Path.GetRelativePath(WebSource, file).Replace(Path.DirectorySeparatorChar, '/');

    [Fact]
    public void Views_name_urls_through_routes_or_PublicPaths_never_by_hand()
    {
        // A literal path survives a renamed route or action and breaks at run time; asp-action/asp-route
        // and PublicPaths fail the build instead. "~/" static files and "#fragment" links are fine.
        var literal = new System.Text.RegularExpressions.Regex("(?:href|action|src|formaction)=\"/");
        var naming = Views().Where(f => literal.IsMatch(File.ReadAllText(f))).Select(Relative).ToList();
        Assert.True(naming.Count == 0, "These views write paths by hand; use asp-action/asp-route-* or PublicPaths: " + string.Join(", ", naming));
    }

    [Fact]
    public void ViewData_carries_only_the_page_title()
    {
        // Anything else a view or partial needs is in its model (partial models, LayoutData), so a
        // renamed property fails the build instead of silently reading null.
        var key = new System.Text.RegularExpressions.Regex("ViewData\\[\"(?!Title\")");
        var files = Views().Concat(Directory.EnumerateFiles(WebSource, "*.cs", SearchOption.AllDirectories))
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal));
        var offenders = files.Where(f => key.IsMatch(File.ReadAllText(f))).Select(Relative).ToList();
        Assert.True(offenders.Count == 0, "ViewData keys other than Title in: " + string.Join(", ", offenders));
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
