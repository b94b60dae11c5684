namespace CivilizationNews.Core.Importing;

/// <summary>
/// A long feature's last section can continue after a sidebar: the sidebar ends, then the feature's
/// list items (——建立积分制度。…) follow. When a story without subheads turns into a list without a
/// lead-in ending in a colon, the list may be its own or a feature's; the wording decides. The run
/// goes to a feature when it shares clearly more of its wording with that feature than with the story
/// it was printed under (and than with any other feature), stays put when the reverse is clear, and
/// is otherwise left to the editor: never silently added to the sidebar. A list the story itself
/// announced (by counting or naming its items) is the story's own.
/// </summary>
internal static class ContinuationAttacher
{
    /// <summary>Share of the run's character pairs an owner must also use, at the least.</summary>
    private const double MinEvidence = 0.08;

    /// <summary>How many times better the chosen owner must match than the next best.</summary>
    private const double ClearMargin = 2.0;

    public static void Attach(DraftPage page)
    {
        var featurePairs = new Dictionary<DraftStory, HashSet<string>>();
        HashSet<string> PairsOf(DraftStory feature)
        {
            if (!featurePairs.TryGetValue(feature, out var pairs))
            {
                featurePairs[feature] = pairs = Wording.Pairs(HeaderText(feature).Concat(feature.Paragraphs.Select(p => p.Text)));
            }

            return pairs;
        }

        // Which stories are features does not change below; only their last sections grow.
        var allFeatures = page.Stories.Where(f => !f.IsOrphan && f.Dateline is null && f.HasHeadings).OrderBy(f => f.Position).ToList();
        foreach (var host in page.Stories.ToList())
        {
            var paragraphs = host.Paragraphs.ToList();
            var start = DetachedStart(host, paragraphs);
            if (start < 0)
            {
                continue;
            }

            var run = paragraphs[start..];
            if (!host.IsOrphan && Announces(HeaderText(host).Concat(paragraphs[..start].Select(p => p.Text)), run))
            {
                // The story said a list was coming: it is the story's own, whatever a feature's wording.
                continue;
            }

            var runPairs = Wording.Pairs(run.Select(p => p.Text));
            // The nearest features before the list (a page has one or two); each one's wording is read once.
            var features = NearestBefore(allFeatures, host)
                .Select(f => (Story: f, Score: Wording.Share(runPairs, PairsOf(f))))
                .OrderByDescending(f => f.Score)
                .ToList();
            if (features.Count == 0 && !host.IsOrphan)
            {
                // No feature on the page could own the list: it is the story's own.
                continue;
            }

            var hostScore = host.IsOrphan ? 0 : Wording.Share(runPairs, Wording.Pairs(HeaderText(host).Concat(paragraphs[..start].Select(p => p.Text))));
            var bestScore = features.Count > 0 ? features[0].Score : 0;
            var runnerUp = features.Count > 1 ? features[1].Score : 0;
            if (!host.IsOrphan && hostScore >= MinEvidence && hostScore >= ClearMargin * bestScore)
            {
                continue;
            }

            host.RemoveAll(run);

            if (bestScore >= MinEvidence && bestScore >= ClearMargin * Math.Max(hostScore, runnerUp))
            {
                var feature = features[0].Story;
                feature.Sections[^1].Paragraphs.AddRange(run);
                featurePairs.Remove(feature);
                var printedAfter = host.IsOrphan ? "版面另一处" : $"《{host.Title}》之后";
                page.Warnings.Add(new ImportWarning(
                    ImportWarningKind.Attached,
                    $"印在{printedAfter}的“{PrintText.Excerpt(run[0].Text)}”等{run.Count}段已接到《{feature.Title}》最后一节，请核对。",
                    feature.Title)
                { Lines = run.SelectMany(p => p.Lines).Distinct().ToList() });
            }
            else
            {
                page.Unattached.AddRange(run);
            }
        }
    }

    /// <summary>The last <see cref="ImportLimits.MaxFeatureCandidates"/> features printed before the host, in page order.</summary>
    private static IEnumerable<DraftStory> NearestBefore(List<DraftStory> features, DraftStory host)
    {
        var (low, high) = (0, features.Count);
        while (low < high)
        {
            var middle = (low + high) / 2;
            if (features[middle].Position < host.Position)
            {
                low = middle + 1;
            }
            else
            {
                high = middle;
            }
        }

        return features.GetRange(Math.Max(0, low - ImportLimits.MaxFeatureCandidates), Math.Min(low, ImportLimits.MaxFeatureCandidates)).Where(f => f != host);
    }

    /// <summary>Where a story's text turns into a list that may belong elsewhere, or -1.</summary>
    private static int DetachedStart(DraftStory host, List<DraftParagraph> paragraphs)
    {
        if (host.IsOrphan)
        {
            return paragraphs.Count > 0 && PrintText.IsBulleted(paragraphs[0].Text) ? 0 : -1;
        }

        // A feature with subheads may use lists of its own.
        if (host.HasHeadings)
        {
            return -1;
        }

        var first = paragraphs.FindIndex(p => PrintText.IsBulleted(p.Text));
        return first > 0 && !PrintText.EndsWithColon(paragraphs[first - 1].Text) ? first : -1;
    }

    /// <summary>
    /// Whether the story's text announces the list that follows it: it counts the items
    /// (以“三个实”为抓手 before three —— items, 推出两项举措 before two), or names every one of them
    /// (重点抓好清扫保洁和垃圾清运 before ——清扫保洁。… ——垃圾清运。…).
    /// </summary>
    private static bool Announces(IEnumerable<string> storyText, List<DraftParagraph> run)
    {
        var items = run.Where(p => PrintText.IsBulleted(p.Text)).Select(p => p.Text).ToList();
        if (items.Count is < 2 or > ImportLimits.MaxAnnouncedItems)
        {
            return false;
        }

        var text = string.Concat(storyText);
        if (PrintText.AnnouncedCounts(text).Contains(items.Count))
        {
            return true;
        }

        return items.All(item => PrintText.ListItemHead(item) is { Length: >= 2 } head && text.Contains(head, StringComparison.Ordinal));
    }

    private static IEnumerable<string> HeaderText(DraftStory story) =>
        new[] { story.Kicker, story.Title, story.Subtitle }
            .Concat(story.Sections.Select(s => s.Heading))
            .OfType<string>();
}
