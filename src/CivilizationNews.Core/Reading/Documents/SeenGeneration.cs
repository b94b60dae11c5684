namespace CivilizationNews.Core.Reading.Documents;

/// <summary>
/// The read generation (<see cref="ReadGenerations"/>) as this request first saw it, taken in the same command as the
/// page's document (<see cref="StoryDocuments"/>, <see cref="PageDocuments"/>) or before the page was built from the
/// tables. Scoped: one per request. What is read after it is at least as new as that value, which lets
/// <see cref="SectionMenu"/> serve the section row it read under the same value without asking again.
/// </summary>
public sealed class SeenGeneration
{
    /// <summary>The first value seen, or null when this request has read no document.</summary>
    public long? Value { get; private set; }

    internal void Saw(long generation) => Value ??= generation;
}
