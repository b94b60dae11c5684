namespace CivilizationNews.Core.Data;

/// <summary>
/// An entity that editors edit. <see cref="Version"/> is an app-managed optimistic concurrency
/// token: a new value is written on every save, and a save whose original value no longer
/// matches the row fails instead of silently overwriting another editor's work.
/// </summary>
public interface IVersioned
{
    Guid Version { get; set; }
    DateTime UpdatedAt { get; set; }
}
