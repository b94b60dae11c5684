using DiffPlex;
using DiffPlex.DiffBuilder;
using DiffPlex.DiffBuilder.Model;

namespace CivilizationNews.Core.Editing;

public enum DiffKind
{
    Unchanged,
    Inserted,
    Deleted,
}

public sealed record DiffLine(DiffKind Kind, string Text);

public sealed record FieldDiff(string Field, string Label, bool Changed, IReadOnlyList<DiffLine> Lines);

/// <summary>A field-by-field comparison of two revisions; long fields are compared line by line (DiffPlex).</summary>
public static class RevisionDiff
{
    public static IReadOnlyList<FieldDiff> Compare(ArticleText older, ArticleText newer)
    {
        var builder = new InlineDiffBuilder(new Differ());
        return ArticleText.Fields.Select(f =>
        {
            var a = older.Get(f.Field) ?? string.Empty;
            var b = newer.Get(f.Field) ?? string.Empty;
            var model = builder.BuildDiffModel(a, b, ignoreWhitespace: false);
            var lines = model.Lines.Select(l => new DiffLine(l.Type switch
            {
                ChangeType.Inserted => DiffKind.Inserted,
                ChangeType.Deleted => DiffKind.Deleted,
                _ => DiffKind.Unchanged,
            }, l.Text)).ToList();
            return new FieldDiff(f.Field, f.Label, !string.Equals(a, b, StringComparison.Ordinal), lines);
        }).ToList();
    }
}
