using CivilizationNews.Core.Auditing;
using CivilizationNews.Core.Data;
using CivilizationNews.Core.Media;
using CivilizationNews.Core.Tests.Support;
using CivilizationNews.Core.Validation;
using CivilizationNews.Tests.Common;
using Microsoft.EntityFrameworkCore;

namespace CivilizationNews.Core.Tests.Media;

public sealed class MediaLibraryTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static MediaLibrary Library(NewsroomFixture f, NewsDbContext db, DecodeGate? decodes = null) => new(db, new AuditLog(db, f.Clock), f.Clock, decodes);

    /// <summary>A stream that fails the test if anything reads it.</summary>
    private sealed class UnreadableStream : MemoryStream
    {
        public override int Read(byte[] buffer, int offset, int count) => throw new InvalidOperationException("read");

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) => throw new InvalidOperationException("read");
    }

    private static async Task<int> ItemAsync(NewsroomFixture f)
    {
        await using var db = f.Context();
        var item = new MediaItem { AltText = "志愿者在路口", ContentType = "image/jpeg", Width = 10, Height = 10, ByteSize = 1, CreatedAt = DateTime.UtcNow };
        db.Media.Add(item);
        await db.SaveChangesAsync(Ct);
        return item.Id;
    }

    [Fact]
    public async Task A_missing_or_oversized_file_is_refused_before_anything_is_read()
    {
        using var f = await NewsroomFixture.CreateAsync();
        await using var db = f.Context();
        var metadata = new MediaInput { AltText = "图" };

        var missing = await Library(f, db).UploadAsync(null, 0, metadata, NewsroomFixture.Reporter, Ct);
        await using var unreadable = new UnreadableStream();
        var tooLarge = await Library(f, db).UploadAsync(unreadable, ImageUploadValidator.MaxBytes + 1, metadata, NewsroomFixture.Reporter, Ct);

        Assert.Equal((SaveOutcome.Invalid, "File", ImageUploadValidator.EmptyMessage), (missing.Outcome, missing.Errors!.All[0].Field, missing.FirstError));
        Assert.Equal((SaveOutcome.Invalid, "File", ImageUploadValidator.TooLargeMessage), (tooLarge.Outcome, tooLarge.Errors!.All[0].Field, tooLarge.FirstError));
        Assert.False(await db.Media.AnyAsync(Ct));
    }

    [Fact]
    public async Task A_sideways_phone_photo_is_stored_with_its_upright_size()
    {
        using var f = await NewsroomFixture.CreateAsync();
        await using var db = f.Context();

        var saved = await Library(f, db).UploadAsync(TestImages.JpegWithExif(TestImages.HalvesJpeg(40, 20), 6, "PhoneMaker"),
            new MediaInput { AltText = "志愿者在路口" }, NewsroomFixture.Reporter, Ct);

        Assert.Equal(SaveOutcome.Saved, saved.Outcome);
        var item = await db.Media.Where(m => m.Id == saved.MediaId).Select(m => new { m.Width, m.Height }).SingleAsync(Ct);
        Assert.Equal((20, 40), (item.Width, item.Height));
    }

    [Fact]
    public async Task An_upload_while_every_decode_turn_is_taken_is_refused_in_Chinese_and_nothing_is_stored()
    {
        using var f = await NewsroomFixture.CreateAsync();
        await using var db = f.Context();
        using var gate = new DecodeGate(1, TimeSpan.Zero);

        using (gate.Enter())
        {
            var refused = await Library(f, db, gate).UploadAsync(TestImages.HalvesJpeg(40, 20), new MediaInput { AltText = "图" }, NewsroomFixture.Reporter, Ct);
            Assert.Equal((SaveOutcome.Invalid, "File", MediaLibrary.BusyMessage), (refused.Outcome, refused.Errors!.All[0].Field, refused.FirstError));
        }

        Assert.False(await db.Media.AnyAsync(Ct));
    }

    [Fact]
    public async Task Only_editors_delete()
    {
        using var f = await NewsroomFixture.CreateAsync();
        var id = await ItemAsync(f);
        await using var db = f.Context();

        var byReporter = await Library(f, db).DeleteAsync(id, NewsroomFixture.Reporter, Ct);
        Assert.Equal(SaveOutcome.Forbidden, byReporter.Outcome);
        Assert.True(await db.Media.AnyAsync(m => m.Id == id, Ct));

        var byEditor = await Library(f, db).DeleteAsync(id, NewsroomFixture.Editor, Ct);
        Assert.Equal(SaveOutcome.Saved, byEditor.Outcome);
        Assert.False(await db.Media.AnyAsync(m => m.Id == id, Ct));
    }

    [Fact]
    public async Task A_stale_edit_is_a_conflict_that_carries_the_saved_details()
    {
        using var f = await NewsroomFixture.CreateAsync();
        var id = await ItemAsync(f);
        await using var db = f.Context();
        var loaded = await db.Media.Where(m => m.Id == id).Select(m => m.Version).SingleAsync(Ct);

        var saved = await Library(f, f.Context()).UpdateAsync(id, new MediaInput { AltText = "甲写的替代文字", Version = loaded }, NewsroomFixture.Editor, Ct);
        // A second editor on the same stale page (a reporter may not change a photo that is not theirs alone: issue 13 item 1).
        var stale = await Library(f, f.Context()).UpdateAsync(id, new MediaInput { AltText = "乙写的替代文字", Version = loaded }, NewsroomFixture.Editor, Ct);

        Assert.Equal(SaveOutcome.Saved, saved.Outcome);
        Assert.Equal(SaveOutcome.Conflict, stale.Outcome);
        Assert.Equal("甲写的替代文字", stale.Saved!.AltText);
        Assert.Equal("赵静怡", stale.SavedBy);
        Assert.Equal("甲写的替代文字", await db.Media.Where(m => m.Id == id).Select(m => m.AltText).SingleAsync(Ct));
    }
}
