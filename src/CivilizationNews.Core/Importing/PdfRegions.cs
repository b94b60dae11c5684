namespace CivilizationNews.Core.Importing;

/// <summary>
/// Puts an assembled PDF page back on the page: each photo's region is its picture with its caption; a
/// photo stands in the story whose headline shares its frame (the region between rules) and whose text it
/// touches; each story's regions are, per frame it was printed in, the box around its lines and photos,
/// split only where that box would take in another story's text or picture (IMPORT-FORMAT.md, "Regions").
/// </summary>
internal static class PdfRegions
{
    public static ImportResult Place(ImportResult result, PdfReading reading)
    {
        var leavesOf = reading.LeavesOf;
        var near = 2 * reading.BodySize;

        // Each story's text, by frame, and the frame of its headline.
        var stories = result.Articles.Select(a =>
        {
            var leaves = a.SourceLines.Where(leavesOf.ContainsKey).SelectMany(n => leavesOf[n]).ToList();
            var title = a.SourceLines.FirstOrDefault(n => reading.Lines[n - 1].Hint == LineHint.Headline, a.SourceLines.Count > 0 ? a.SourceLines[0] : 0);
            var frame = title > 0 && leavesOf.TryGetValue(title, out var t) ? t[0].Frame : -1;
            return (Article: a, Leaves: leaves, Frame: frame, TitleLine: title);
        }).ToList();

        var photos = new List<ImportedPhoto>();
        var photosOf = stories.ToDictionary(s => s.Article, _ => new List<(Box Box, int Frame, Leaf Picture, int Caption)>());
        foreach (var photo in result.Photos)
        {
            if (!reading.PictureOf.TryGetValue(photo.Line, out var picture))
            {
                photos.Add(photo);
                continue;
            }

            var box = picture.Box.Union(Box.Bound(leavesOf[photo.Line].Select(l => l.Box)));
            var owner = stories
                .Where(s => s.Frame == picture.Frame && s.Leaves.Where(l => l.Frame == picture.Frame).Any(l => Distance(l.Box, picture.Box) <= near))
                .OrderByDescending(s => s.TitleLine < photo.Line)
                .ThenByDescending(s => s.TitleLine)
                .Select(s => s.Article)
                .FirstOrDefault();
            if (owner is not null)
            {
                photosOf[owner].Add((box, picture.Frame, picture, photo.Line));
            }

            photos.Add(photo with { Region = box.ToRegion(), Story = owner?.Title });
        }

        var articles = new List<ImportedArticle>();
        foreach (var story in stories)
        {
            var own = new HashSet<Leaf>(story.Leaves);
            foreach (var (_, _, picture, caption) in photosOf[story.Article])
            {
                own.Add(picture);
                own.UnionWith(leavesOf[caption]);
            }

            var foreign = reading.Leaves.Where(l => !own.Contains(l)).Select(l => l.Box).ToList();
            var pieces = story.Article.SourceLines.Where(leavesOf.ContainsKey)
                .SelectMany(n => leavesOf[n].GroupBy(l => l.Frame).Select(g => (Box: Box.Bound(g.Select(l => l.Box)), Frame: g.Key)))
                .Concat(photosOf[story.Article].Select(p => (p.Box, p.Frame)))
                .ToList();
            var regions = pieces.GroupBy(p => p.Frame)
                .SelectMany(g => Merge(g.Select(p => p.Box).ToList(), foreign))
                .OrderBy(b => b.Top).ThenBy(b => b.Left)
                .Select(b => b.ToRegion())
                .ToList();
            articles.Add(story.Article with { Regions = regions });
        }

        var byline = result.Byline;
        if (byline is not null && byline.Lines.Where(leavesOf.ContainsKey).SelectMany(n => leavesOf[n]).ToList() is { Count: > 0 } bylineLeaves)
        {
            var text = Box.Bound(bylineLeaves.Select(l => l.Box));
            var frame = reading.Page.Frames.Where(f => f.Contains(text)).OrderBy(f => f.Area).Cast<Box?>().FirstOrDefault();
            byline = byline with { Region = (frame ?? text).ToRegion() };
        }

        return result with { Articles = articles, Photos = photos, Byline = byline };
    }

    /// <summary>Past this many pieces in one frame, a story's boxes are not joined pair by pair (that costs their cube).</summary>
    private const int MaxMergedPieces = 200;

    /// <summary>Joins boxes into as few rectangles as can be had without covering anything of another's.</summary>
    private static List<Box> Merge(List<Box> boxes, List<Box> foreign)
    {
        var all = Box.Bound(boxes);
        if (!foreign.Any(f => f.Overlaps(all)))
        {
            return [all];
        }

        if (boxes.Count > MaxMergedPieces)
        {
            return boxes;
        }

        var merged = boxes.ToList();
        for (var changed = true; changed;)
        {
            changed = false;
            for (var i = 0; i < merged.Count && !changed; i++)
            {
                for (var j = i + 1; j < merged.Count && !changed; j++)
                {
                    var union = merged[i].Union(merged[j]);
                    if (!foreign.Any(f => f.Overlaps(union)))
                    {
                        merged[i] = union;
                        merged.RemoveAt(j);
                        changed = true;
                    }
                }
            }
        }

        return merged;
    }

    private static double Distance(Box a, Box b)
    {
        var dx = Math.Max(0, Math.Max(a.Left - b.Right, b.Left - a.Right));
        var dy = Math.Max(0, Math.Max(a.Top - b.Bottom, b.Top - a.Bottom));
        return Math.Max(dx, dy);
    }
}
