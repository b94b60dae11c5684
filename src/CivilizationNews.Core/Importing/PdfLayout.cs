namespace CivilizationNews.Core.Importing;

/// <summary>
/// One element of the page in reading order: a printed line (its glyphs left to right) or a picture.
/// <see cref="Frame"/> numbers the region between rules it sits in; <see cref="Column"/> is the box of
/// the text column it was cut from, against which indents and full lines are measured.
/// </summary>
internal sealed class Leaf
{
    public required Box Box { get; init; }

    public IReadOnlyList<Glyph> Glyphs { get; init; } = [];

    public bool IsImage { get; init; }

    public int Frame { get; init; }

    public Box Column { get; init; }

    /// <summary>The line's size: the size most of its glyphs have.</summary>
    public double Size { get; init; }

    public bool Bold { get; init; }
}

/// <summary>
/// Rebuilds the reading order of a page from its geometry by recursive cuts (an X-Y cut), in this order
/// of strength: a rule across the whole region (and the edges of ruled boxes); a ruled box below or
/// above everything else; a headline or kicker on top of the region (display text standing alone,
/// peeled off before the columns under it); a column gutter from top to bottom; then the widest gaps
/// between rows, one width at a time (so that blocks are parted before their lines). What cannot be cut further is a line or a picture. Chinese has no
/// spaces between words, so gutters and rules, not word gaps, keep neighbouring columns apart.
/// </summary>
internal sealed class PdfLayout
{
    /// <summary>
    /// Cuts nest a few levels deep on a real page (page, frames, blocks, columns, lines); a page built so
    /// that every cut peels off one glyph would nest as deep as it has glyphs. Below this depth the rest
    /// is read line by line, so that the work and the stack stay bounded whatever the PDF.
    /// </summary>
    private const int MaxDepth = 64;

    private readonly PdfPageContent _page;
    private readonly double _bodySize;
    private readonly List<Leaf> _leaves = [];
    private readonly Dictionary<int, List<Glyph>> _spacesByBaseline;
    private int _frames;
    private int _depth;

    private PdfLayout(PdfPageContent page, double bodySize)
    {
        _page = page;
        _bodySize = bodySize;
        _spacesByBaseline = page.Glyphs.Where(g => g.IsSpace).GroupBy(g => (int)Math.Floor(g.Baseline)).ToDictionary(g => g.Key, g => g.ToList());
    }

    private sealed record Item(Box Box, Glyph? Glyph, bool IsImage);

    public static IReadOnlyList<Leaf> ReadingOrder(PdfPageContent page, double bodySize)
    {
        var layout = new PdfLayout(page, bodySize);
        var items = page.Glyphs.Where(g => !g.IsSpace).Select(g => new Item(g.Box, g, false))
            .Concat(page.Images.Select(i => new Item(i, null, true)))
            .ToList();
        layout.Cut(items, 0, Box.Bound(items.Select(i => i.Box)));
        return layout._leaves;
    }

    /// <summary>The body text's size: the point size most glyphs on the page have.</summary>
    public static double BodySize(IEnumerable<Glyph> glyphs) =>
        glyphs.Where(g => !g.IsSpace).GroupBy(g => Math.Round(g.Size, 1))
            .OrderByDescending(g => g.Count()).ThenBy(g => g.Key)
            .Select(g => g.Key).FirstOrDefault(10.5);

    private void Cut(List<Item> items, int frame, Box column)
    {
        if (items.Count == 0)
        {
            return;
        }

        _depth++;
        try
        {
            if (_depth > MaxDepth)
            {
                ByBaseline(items, frame, column);
            }
            else
            {
                CutRegion(items, frame, column);
            }
        }
        finally
        {
            _depth--;
        }
    }

    private void CutRegion(List<Item> items, int frame, Box column)
    {
        var bounds = Box.Bound(items.Select(i => i.Box));
        if (CutAtRules(items, bounds))
        {
            return;
        }

        if (items.All(i => i.IsImage) && items.Count == 1)
        {
            _leaves.Add(new Leaf { Box = items[0].Box, IsImage = true, Frame = frame, Column = column });
            return;
        }

        if (items.All(i => !i.IsImage) && OneLine(items))
        {
            AddLine(items, frame, column);
            return;
        }

        var gaps = Gaps(items, vertical: false);
        var size = MedianSize(items);
        if (BoxAtEdge(items) is { } edge)
        {
            Split(items, [edge], vertical: false, frame, bounds);
            return;
        }

        if (gaps.Count > 0 && DisplayOnTop(items, gaps[0]))
        {
            Split(items, [gaps[0]], vertical: false, frame, bounds);
            return;
        }

        var gutters = Gaps(items, vertical: true).Where(g => g.Width >= Math.Max(5, 0.75 * size)).ToList();
        if (gutters.Count > 0)
        {
            Split(items, gutters, vertical: true, frame, column);
            return;
        }

        if (gaps.Count > 0)
        {
            // The widest gaps first: under a block of columns that a picture keeps from being cut apart,
            // the gap above the picture is wider than those between the columns' lines.
            var widest = gaps.Max(g => g.Width);
            Split(items, gaps.Where(g => g.Width >= widest - 1).ToList(), vertical: false, frame, bounds);
            return;
        }

        // Overlapping lines (a tight leading) or a picture under text.
        ByBaseline(items, frame, column);
    }

    /// <summary>What no cut separates: pictures, then lines by baseline, top to bottom.</summary>
    private void ByBaseline(List<Item> items, int frame, Box column)
    {
        foreach (var image in items.Where(i => i.IsImage))
        {
            _leaves.Add(new Leaf { Box = image.Box, IsImage = true, Frame = frame, Column = column });
        }

        foreach (var line in items.Where(i => !i.IsImage).GroupBy(i => Math.Round(i.Glyph!.Baseline / Math.Max(1, 0.5 * i.Glyph.Size))).OrderBy(g => g.Key))
        {
            AddLine([.. line], frame, column);
        }
    }

    /// <summary>
    /// A ruled box below everything else in the region (the page byline under a story's first column,
    /// beside its second) is read after it, above everything else before it: the gap that sets it off.
    /// </summary>
    private (double Start, double Width)? BoxAtEdge(List<Item> items)
    {
        foreach (var box in _page.Frames)
        {
            var inside = items.Where(i => box.Contains(i.Box)).ToList();
            if (inside.Count == 0 || inside.Count == items.Count)
            {
                continue;
            }

            var others = items.Where(i => !box.Contains(i.Box)).ToList();
            var (top, bottom) = (inside.Min(i => i.Box.Top), inside.Max(i => i.Box.Bottom));
            if (others.All(i => i.Box.Bottom <= top + 0.01))
            {
                var above = others.Max(i => i.Box.Bottom);
                return (above, top - above);
            }

            if (others.All(i => i.Box.Top >= bottom - 0.01))
            {
                var below = others.Min(i => i.Box.Top);
                return (bottom, below - bottom);
            }
        }

        return null;
    }

    /// <summary>A rule across the whole region (nothing crosses it) cuts it into frames.</summary>
    private bool CutAtRules(List<Item> items, Box bounds)
    {
        foreach (var vertical in new[] { false, true })
        {
            var rules = (vertical ? _page.VerticalRules : _page.HorizontalRules)
                .Where(r => vertical
                    ? r.Height >= 0.8 * bounds.Height && r.Left > bounds.Left && r.Right < bounds.Right
                        && Math.Min(r.Bottom, bounds.Bottom) - Math.Max(r.Top, bounds.Top) >= 0.8 * bounds.Height
                    : r.Width >= 0.8 * bounds.Width && r.Top > bounds.Top && r.Bottom < bounds.Bottom
                        && Math.Min(r.Right, bounds.Right) - Math.Max(r.Left, bounds.Left) >= 0.8 * bounds.Width)
                .Select(r => vertical ? (r.Left + r.Right) / 2 : (r.Top + r.Bottom) / 2)
                .Where(at => items.All(i => vertical ? i.Box.Right <= at + 1 || i.Box.Left >= at - 1 : i.Box.Bottom <= at + 1 || i.Box.Top >= at - 1))
                .Distinct()
                .Order()
                .ToList();
            if (rules.Count == 0)
            {
                continue;
            }

            var parts = Partition(items, rules, vertical);
            foreach (var part in parts)
            {
                Cut(part, ++_frames, Box.Bound(part.Select(i => i.Box)));
            }

            return true;
        }

        return false;
    }

    /// <summary>
    /// Display text alone on top of the region (a kicker, a headline, a subtitle): larger than the body,
    /// in one cluster (not two stories' kickers side by side).
    /// </summary>
    private bool DisplayOnTop(List<Item> items, (double Start, double Width) gap)
    {
        var top = items.Where(i => i.Box.Bottom <= gap.Start + 0.01).ToList();
        if (top.Count == 0 || top.Count == items.Count || top.Any(i => i.IsImage) || top.Any(i => i.Glyph!.Size < _bodySize + 0.5))
        {
            return false;
        }

        var size = MedianSize(top);
        return !Gaps(top, vertical: true).Any(g => g.Width >= 2 * size);
    }

    private void Split(List<Item> items, List<(double Start, double Width)> gaps, bool vertical, int frame, Box column)
    {
        var cuts = gaps.Select(g => g.Start + (g.Width / 2)).Order().ToList();
        foreach (var part in Partition(items, cuts, vertical))
        {
            // Cut across (into rows), each part keeps the column it was cut from; cut along (into
            // columns), each part is a column of its own.
            Cut(part, frame, vertical ? Box.Bound(part.Select(i => i.Box)) : column);
        }
    }

    private static List<List<Item>> Partition(List<Item> items, List<double> cuts, bool vertical)
    {
        var parts = Enumerable.Range(0, cuts.Count + 1).Select(_ => new List<Item>()).ToList();
        foreach (var item in items)
        {
            var centre = vertical ? (item.Box.Left + item.Box.Right) / 2 : (item.Box.Top + item.Box.Bottom) / 2;
            var index = cuts.FindIndex(c => centre < c);
            parts[index < 0 ? cuts.Count : index].Add(item);
        }

        return parts.Where(p => p.Count > 0).ToList();
    }

    /// <summary>The empty stretches of the items' projection on one axis, in order: (start, width).</summary>
    private static List<(double Start, double Width)> Gaps(List<Item> items, bool vertical)
    {
        var spans = items.Select(i => vertical ? (i.Box.Left, i.Box.Right) : (i.Box.Top, i.Box.Bottom)).OrderBy(s => s.Item1).ToList();
        var gaps = new List<(double, double)>();
        var reach = spans[0].Item2;
        foreach (var (start, end) in spans.Skip(1))
        {
            if (start > reach + 0.01)
            {
                gaps.Add((reach, start - reach));
            }

            reach = Math.Max(reach, end);
        }

        return gaps;
    }

    /// <summary>All glyphs share one stretch of height: a single printed line.</summary>
    private static bool OneLine(List<Item> items) =>
        items.Max(i => i.Box.Top) < items.Min(i => i.Box.Bottom);

    private static double MedianSize(List<Item> items)
    {
        var sizes = items.Where(i => i.Glyph is not null).Select(i => i.Glyph!.Size).Order().ToList();
        return sizes.Count == 0 ? 10 : sizes[sizes.Count / 2];
    }

    private void AddLine(List<Item> items, int frame, Box column)
    {
        var box = Box.Bound(items.Select(i => i.Box));
        // The spaces printed inside the line (PdfPig reports them as glyphs with no ink) keep their place.
        var spaces = Enumerable.Range((int)Math.Floor(box.Top), (int)Math.Floor(box.Bottom) - (int)Math.Floor(box.Top) + 1)
            .SelectMany(y => _spacesByBaseline.TryGetValue(y, out var row) ? row : []);
        var glyphs = items.Select(i => i.Glyph!)
            .Concat(spaces.Where(s => s.Baseline >= box.Top && s.Baseline <= box.Bottom && s.Box.Left >= box.Left - (0.3 * s.Size) && s.Box.Left <= box.Right + (0.3 * s.Size)))
            .OrderBy(g => g.Box.Left)
            .ToList();
        var inked = glyphs.Where(g => !g.IsSpace).ToList();
        var size = inked.GroupBy(g => Math.Round(g.Size, 1)).OrderByDescending(g => g.Count()).ThenByDescending(g => g.Key).First().Key;
        _leaves.Add(new Leaf
        {
            Box = box,
            Glyphs = glyphs,
            Frame = frame,
            Column = column,
            Size = size,
            Bold = inked.Count(g => g.Bold) >= 0.8 * inked.Count,
        });
    }
}
