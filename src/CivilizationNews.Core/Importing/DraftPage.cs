namespace CivilizationNews.Core.Importing;

/// <summary>A paragraph while the page is being put together; its pieces remember their source lines.</summary>
internal sealed class DraftParagraph(List<Piece> pieces, int run)
{
    public List<Piece> Pieces { get; } = pieces;

    /// <summary>Paragraphs printed one after another with nothing else between them share a run.</summary>
    public int Run { get; } = run;

    public string Text => string.Concat(Pieces.Select(p => p.Text));

    public IReadOnlyList<int> Lines => Pieces.Select(p => p.Line).Distinct().ToList();

    /// <summary>Opens mid-sentence, carrying on a paragraph printed elsewhere (see <see cref="LineHint.ParagraphDetached"/>).</summary>
    public bool Detached { get; init; }

    /// <summary>Removes the first <paramref name="count"/> characters, keeping emptied pieces for their line numbers.</summary>
    public void DropPrefix(int count)
    {
        for (var i = 0; i < Pieces.Count && count > 0; i++)
        {
            var piece = Pieces[i];
            var drop = Math.Min(count, piece.Text.Length);
            Pieces[i] = piece with { Text = piece.Text[drop..] };
            count -= drop;
        }
    }
}

internal sealed class DraftSection(string? heading, IReadOnlyList<int>? headingLines = null)
{
    public string? Heading { get; } = heading;

    /// <summary>The source lines of the heading, if any.</summary>
    public IReadOnlyList<int> HeadingLines { get; } = headingLines ?? [];

    public List<DraftParagraph> Paragraphs { get; } = [];
}

/// <summary>A story being assembled; without a title it is an orphan run of text that no header claimed.</summary>
internal sealed class DraftStory(int position)
{
    /// <summary>Index of the unit that opened the story, for page order.</summary>
    public int Position { get; } = position;

    public string? Kicker { get; init; }

    public string? Title { get; init; }

    public string? Subtitle { get; init; }

    public string? Dateline { get; set; }

    public string? Credit { get; set; }

    public string? ContinuesOn { get; set; }

    /// <summary>The lead has been looked at for a 本报讯 dateline.</summary>
    public bool LeadRead { get; set; }

    /// <summary>A byline line under the headline, waiting to learn whether the lead has a 本报讯 dateline.</summary>
    public Unit? PendingCredit { get; set; }

    public List<DraftSection> Sections { get; } = [];

    /// <summary>The source lines of the kicker, headline, subtitle and credit line.</summary>
    public List<int> HeaderLines { get; } = [];

    public bool IsOrphan => Title is null;

    public IEnumerable<DraftParagraph> Paragraphs => Sections.SelectMany(s => s.Paragraphs);

    public bool HasParagraphs => Sections.Any(s => s.Paragraphs.Count > 0);

    public bool HasHeadings => Sections.Any(s => s.Heading is not null);

    public DraftParagraph? LastParagraph => Paragraphs.LastOrDefault();

    public void StartSection(string heading, IReadOnlyList<int> lines) => Sections.Add(new DraftSection(heading, lines));

    /// <summary>Every source line the story's text came from: header, headings and paragraphs.</summary>
    public IEnumerable<int> AllLines => HeaderLines
        .Concat(Sections.SelectMany(s => s.HeadingLines.Concat(s.Paragraphs.SelectMany(p => p.Lines))))
        .Distinct();

    public void Add(DraftParagraph paragraph)
    {
        if (Sections.Count == 0)
        {
            Sections.Add(new DraftSection(null));
        }

        Sections[^1].Paragraphs.Add(paragraph);
    }

    public void Remove(DraftParagraph paragraph)
    {
        foreach (var section in Sections)
        {
            section.Paragraphs.Remove(paragraph);
        }
    }

    /// <summary>Removes many paragraphs in one pass (one by one, a long run cost the square of its length).</summary>
    public void RemoveAll(IEnumerable<DraftParagraph> paragraphs)
    {
        var gone = paragraphs.ToHashSet();
        foreach (var section in Sections)
        {
            section.Paragraphs.RemoveAll(gone.Contains);
        }
    }
}

internal sealed class DraftPage
{
    public List<DraftStory> Stories { get; } = [];

    public List<ImportedPhoto> Photos { get; } = [];

    public List<ImportWarning> Warnings { get; } = [];

    /// <summary>Text set aside for the editor, in page order; it becomes "unattached" warnings.</summary>
    public List<DraftParagraph> Unattached { get; } = [];

    public string? BylineLabel { get; set; }

    public List<string> BylineMembers { get; } = [];

    public List<string> BylineRaw { get; } = [];

    /// <summary>The source lines of the page byline block.</summary>
    public List<int> BylineLines { get; } = [];
}
