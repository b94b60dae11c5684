using CivilizationNews.Core.Media;

namespace CivilizationNews.Core.Tests.Media;

/// <summary>The one rule for alt text that is as good as none, shared by the pre-publish check and the editor's photo area.</summary>
public sealed class AltTextsTests
{
    [Theory]
    [InlineData(null, true)]
    [InlineData("", true)]
    [InlineData("  ", true)]
    [InlineData("待补充图片说明", true)]
    [InlineData(" 待补充图片说明 ", true)]
    [InlineData("《社区志愿服务获好评》的第 2 张图片", true)]
    [InlineData("志愿者在北站为旅客指路", false)]
    [InlineData("待补充图片说明：志愿者在北站", false)]
    public void Blank_text_and_the_placeholders_count_as_missing(string? alt, bool missing) =>
        Assert.Equal(missing, AltTexts.IsMissing(alt));
}
