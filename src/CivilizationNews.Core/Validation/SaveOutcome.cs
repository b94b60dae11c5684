namespace CivilizationNews.Core.Validation;

/// <summary>How a Core service's save ended: the one outcome every admin area maps to a page.</summary>
public enum SaveOutcome
{
    Saved,
    Invalid,
    NotFound,
    Forbidden,
    /// <summary>Someone else saved since this editor loaded the story; nothing was written.</summary>
    Conflict,
    /// <summary>A rule of the newsroom refused the change (a unit still used by stories cannot be deleted); nothing was written.</summary>
    Refused,
}
