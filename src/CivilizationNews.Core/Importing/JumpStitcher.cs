namespace CivilizationNews.Core.Importing;

/// <summary>
/// A story's tail can be printed before its headline. The story then ends with the first words of
/// that tail, often cut mid-word, and the tail repeats them: <c>…广受欢迎。员</c> at the story's end,
/// <c>…广受欢迎。员工们…</c> elsewhere. The overlap, not the position, says where a tail belongs.
/// </summary>
internal static class JumpStitcher
{
    /// <summary>Shorter repeats happen by chance ("的工作。"); six characters in a row do not.</summary>
    public const int MinOverlap = 6;

    // The search is bounded so that a page built to be slow costs no more than a few times a real
    // one (issue 13): a page has a handful of jumped tails, each overlapping its story by a few
    // words, and no real page prints dozens of paragraphs that open with the same six characters.

    /// <summary>The overlap is the first words of a tail; longer repeats are not looked for.</summary>
    public const int MaxOverlap = 300;

    /// <summary>Paragraphs sharing one opening (six characters) that are tried as a tail, in page order.</summary>
    public const int MaxCandidatesPerOpening = 32;

    /// <summary>Tails stitched on one page at most; any further ones stay where they were printed.</summary>
    public const int MaxStitches = 64;

    /// <summary>
    /// The whole search's work (pieces indexed, positions looked up, characters compared) on one page.
    /// A real page spends tens of thousands; once this is spent, stitching stops and the remaining
    /// tails stay where they were printed, so nothing is lost, only left to the editor.
    /// </summary>
    public const int MaxWork = 4_000_000;

    /// <summary>A place a tail could start; <paramref name="Text"/> is the paragraph's text when indexed (joined once, not per try).</summary>
    private sealed record Candidate(DraftStory Story, DraftParagraph Paragraph, int PieceIndex, int Offset, string Text);

    public static void Stitch(DraftPage page)
    {
        var work = new Work();
        // Each stitch can expose a new story end (a stitched tail may itself have been cut), so look again.
        for (var round = 0; round < Math.Min(page.Stories.Count + 1, MaxStitches); round++)
        {
            var starts = IndexPieceStarts(page, work);
            var stitched = false;
            foreach (var story in page.Stories.Where(s => !s.IsOrphan && s.ContinuesOn is null))
            {
                if (work.Exhausted)
                {
                    return;
                }

                if (story.LastParagraph is { } end && FindTail(story, end, starts, work) is { } tail)
                {
                    Join(page, story, end, tail.Candidate, tail.Overlap);
                    stitched = true;
                    break;
                }
            }

            if (!stitched)
            {
                break;
            }
        }

        StitchDetachedTail(page);
    }

    /// <summary>
    /// A page read from a PDF knows where a block opens mid-paragraph (<see cref="DraftParagraph.Detached"/>):
    /// a tail whose story is printed elsewhere, which need not repeat any of the story's words. When exactly
    /// one such tail and exactly one story broken off mid-sentence remain, the tail is that story's. With
    /// more of either, the pairing is the editor's: the tails stay unattached and are named in warnings.
    /// </summary>
    private static void StitchDetachedTail(DraftPage page)
    {
        var tails = page.Stories.Where(s => s.IsOrphan && s.Paragraphs.FirstOrDefault() is { Detached: true }).ToList();
        var open = page.Stories
            .Where(s => !s.IsOrphan && s.ContinuesOn is null && s.LastParagraph is { } last && !PrintText.EndsSentence(last.Text))
            .ToList();
        if (tails.Count != 1 || open.Count != 1)
        {
            return;
        }

        var (tail, story) = (tails[0], open[0]);
        var paragraphs = tail.Paragraphs.ToList();
        var end = story.LastParagraph!;
        end.Pieces.AddRange(paragraphs[0].Pieces);
        tail.RemoveAll(paragraphs);
        foreach (var paragraph in paragraphs.Skip(1))
        {
            story.Add(paragraph);
        }

        var more = paragraphs.Count > 1 ? $"，其后{paragraphs.Count - 1}段一并接上" : "";
        page.Warnings.Add(new ImportWarning(
            ImportWarningKind.Stitched,
            $"《{story.Title}》印在别处的转版文字“{PrintText.Excerpt(paragraphs[0].Text)}”已接回文末{more}。",
            story.Title)
        { Lines = paragraphs.SelectMany(p => p.Lines).Distinct().ToList() });
    }

    /// <summary>Every place a tail could start: each paragraph, and each source line inside one (a tail may have been glued on).</summary>
    private static Dictionary<string, List<Candidate>> IndexPieceStarts(DraftPage page, Work work)
    {
        var starts = new Dictionary<string, List<Candidate>>(StringComparer.Ordinal);
        foreach (var story in page.Stories)
        {
            var first = story.Paragraphs.FirstOrDefault();
            foreach (var paragraph in story.Paragraphs)
            {
                var text = paragraph.Text;
                work.Spend(paragraph.Pieces.Count);
                var offset = 0;
                for (var i = 0; i < paragraph.Pieces.Count; offset += paragraph.Pieces[i].Text.Length, i++)
                {
                    // A headed story's lead is its own beginning, never someone else's tail.
                    if (text.Length - offset < MinOverlap || (i == 0 && paragraph == first && !story.IsOrphan))
                    {
                        continue;
                    }

                    var key = text.Substring(offset, MinOverlap);
                    if (!starts.TryGetValue(key, out var list))
                    {
                        starts[key] = list = [];
                    }

                    if (list.Count < MaxCandidatesPerOpening)
                    {
                        list.Add(new Candidate(story, paragraph, i, offset, text));
                    }
                }
            }
        }

        return starts;
    }

    private static (Candidate Candidate, int Overlap)? FindTail(DraftStory story, DraftParagraph end, Dictionary<string, List<Candidate>> starts, Work work)
    {
        var text = end.Text;
        var lookup = starts.GetAlternateLookup<ReadOnlySpan<char>>();

        // The earliest matching position gives the longest overlap.
        for (var p = Math.Max(0, text.Length - MaxOverlap); p + MinOverlap <= text.Length; p++)
        {
            work.Spend(1);
            if (!lookup.TryGetValue(text.AsSpan(p, MinOverlap), out var candidates))
            {
                continue;
            }

            var overlap = text.Length - p;
            foreach (var candidate in candidates)
            {
                if (candidate.Story == story)
                {
                    continue;
                }

                var tail = candidate.Text.AsSpan(candidate.Offset);
                if (tail.Length < overlap)
                {
                    continue;
                }

                if (!work.Spend(overlap))
                {
                    return null;
                }

                if (tail[..overlap].SequenceEqual(text.AsSpan(p)))
                {
                    return (candidate, overlap);
                }
            }
        }

        return null;
    }

    private static void Join(DraftPage page, DraftStory story, DraftParagraph end, Candidate tail, int overlap)
    {
        var host = tail.Story;
        var source = tail.Paragraph;
        var overlapText = end.Text[^overlap..];

        // The rest of the tail's run follows it: the paragraphs printed right after it, up to the next
        // headline, caption or marker.
        var hostParagraphs = host.Paragraphs.ToList();
        var following = hostParagraphs
            .Skip(hostParagraphs.IndexOf(source) + 1)
            .TakeWhile(p => p.Run == source.Run)
            .ToList();

        var tailPieces = source.Pieces.GetRange(tail.PieceIndex, source.Pieces.Count - tail.PieceIndex);
        source.Pieces.RemoveRange(tail.PieceIndex, tailPieces.Count);
        if (source.Pieces.Count == 0)
        {
            host.Remove(source);
        }

        var moved = new DraftParagraph(tailPieces, source.Run);
        moved.DropPrefix(overlap);
        end.Pieces.AddRange(moved.Pieces);
        host.RemoveAll(following);
        foreach (var paragraph in following)
        {
            story.Add(paragraph);
        }

        var lines = moved.Lines.Concat(following.SelectMany(p => p.Lines)).Distinct().ToList();
        var more = following.Count > 0 ? $"，其后{following.Count}段一并接上" : "";
        page.Warnings.Add(new ImportWarning(
            ImportWarningKind.Stitched,
            $"《{story.Title}》印在别处的转版文字已接回文末，重叠的“{PrintText.Excerpt(overlapText)}”只保留一次{more}。",
            story.Title)
        { Lines = lines });
    }

    /// <summary>What is left of <see cref="MaxWork"/>.</summary>
    private sealed class Work
    {
        private long _left = MaxWork;

        public bool Exhausted => _left <= 0;

        /// <summary>Takes <paramref name="amount"/> from what is left; false once nothing is.</summary>
        public bool Spend(int amount)
        {
            _left -= amount;
            return _left > 0;
        }
    }
}
