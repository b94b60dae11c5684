using CivilizationNews.Core.Importing;
using static CivilizationNews.Core.Tests.Importing.PageAssert;
using CivilizationNews.Tests.Common;

namespace CivilizationNews.Core.Tests.Importing;

/// <summary>Each phenomenon of IMPORT-FORMAT.md on a small page written for the test.</summary>
public sealed class PrintPageImporterTests
{
    private static ImportResult Import(string page)
    {
        var result = new PrintPageImporter().Import(page);
        NoTextLost(page, result);
        return result;
    }

    [Fact]
    public void FullWidthIndentsMarkParagraphsOnePerLine()
    {
        var result = Import("""
            城西新貌
            　　今年以来，城西片区完成了老旧小区改造，居民生活环境明显改善。
            　　改造内容包括外墙保温、管网更新和加装电梯等，共惠及居民
            3200户。
            　　“住了二十年，没想到还能坐上电梯！”居民老王说。
            """);

        var article = Article(result, "城西新貌");
        Assert.Equal(
            [
                "今年以来，城西片区完成了老旧小区改造，居民生活环境明显改善。",
                "改造内容包括外墙保温、管网更新和加装电梯等，共惠及居民3200户。",
                "“住了二十年，没想到还能坐上电梯！”居民老王说。",
            ],
            Paragraphs(article));
        Assert.Empty(result.Warnings);
    }

    [Fact]
    public void MixedPunctuationIsKeptExactlyAsPrinted()
    {
        var result = Import("""
            河滨社区

            三项举措抓落实

            本报讯 一是抓宣传, 二是抓落实; 三是抓考核! 效果如何?居民说了算。
            """);

        Assert.Equal(["一是抓宣传, 二是抓落实; 三是抓考核! 效果如何?居民说了算。"], Paragraphs(result));
    }

    [Fact]
    public void ChunkBrokenAtAColumnIsJoinedWithNothingEvenMidWord()
    {
        var result = Import("""
            市体育中心

            冬季长跑开赛

            本报讯 12月10日,冬季长跑比赛在市体育中心鸣枪开跑,来自全市各行业的1500余名选手参

            加了比赛。

            比赛设男子组和女子组。
            """);

        Assert.Equal(
            ["12月10日,冬季长跑比赛在市体育中心鸣枪开跑,来自全市各行业的1500余名选手参加了比赛。", "比赛设男子组和女子组。"],
            Paragraphs(result));
    }

    [Fact]
    public void ParagraphEndingASentenceIsNotJoinedToTheNext()
    {
        var result = Import("""
            社区新事

            上午,居民们自发清扫了楼道。

            下午,志愿者又为老人们测量了血压!

            “真是太方便了。”老人们说。
            """);

        Assert.Equal(["上午,居民们自发清扫了楼道。", "下午,志愿者又为老人们测量了血压!", "“真是太方便了。”老人们说。"], Paragraphs(result));
    }

    [Fact]
    public void TailPrintedBeforeItsHeadlineIsStitchedAtTheOverlap()
    {
        var result = Import("""
            绿化工程再添新彩。园林工人们冒着严寒完成了补植任务,确保来年春天

            全部成活。

            今年冬天,市园林局还将组织志愿者开展“认养一棵树”活动。

            市园林局

            街头绿地变身“口袋公园”

            本报讯（记者 周明轩）今年以来,市园林局利用街角闲置地块新建“口袋公园”26个,让市民出门就能见绿。

            与此同时,各区还对老旧绿地进行了提升改造,新增绿化面积18万平方米。绿化工程再添新彩。园林工
            """);

        var article = Article(result, "街头绿地变身“口袋公园”");
        Assert.Equal(
            [
                "今年以来,市园林局利用街角闲置地块新建“口袋公园”26个,让市民出门就能见绿。",
                "与此同时,各区还对老旧绿地进行了提升改造,新增绿化面积18万平方米。绿化工程再添新彩。园林工人们冒着严寒完成了补植任务,确保来年春天全部成活。",
                "今年冬天,市园林局还将组织志愿者开展“认养一棵树”活动。",
            ],
            Paragraphs(article));
        var stitched = Assert.Single(result.Warnings);
        Assert.Equal(ImportWarningKind.Stitched, stitched.Kind);
        Assert.Equal(article.Title, stitched.Article);
    }

    [Fact]
    public void TailPrintedUnderAnotherStoryIsTakenFromItNotLeftThere()
    {
        var result = Import("""
            市文化馆

            非遗课堂开进社区

            本报讯 近日,市文化馆在东关社区开设非遗课堂,剪纸、面塑等项目吸引了众多居民参与。

            队员们利用业余时间练习,技术越来越娴熟。下一步,队伍还将走进周边

            乡镇开展义诊。

            市卫健委

            “健康小分队”走村入户

            本报讯 今年以来,市卫健委组建的“健康小分队”已走访村庄120个。队员们利用业余时间练习,技术越来越娴熟。下一步,队伍还将走进周
            """);

        Assert.Equal(["近日,市文化馆在东关社区开设非遗课堂,剪纸、面塑等项目吸引了众多居民参与。"], Paragraphs(Article(result, "非遗课堂开进社区")));
        Assert.Equal(
            ["今年以来,市卫健委组建的“健康小分队”已走访村庄120个。队员们利用业余时间练习,技术越来越娴熟。下一步,队伍还将走进周边乡镇开展义诊。"],
            Paragraphs(Article(result, "“健康小分队”走村入户")));
    }

    private const string FeatureThenSidebarThenList = """
        让垃圾分类成为新时尚

        ——我市推进垃圾分类工作综述

        今年以来,全市把垃圾分类作为文明城市创建的重要抓手,分类投放点覆盖所有居民小区。

        一、设施更完善

        全市新建分类投放点2600个,配备分类运输车辆180辆。

        二、制度更健全

        垃圾分类已纳入各区年度考核,市城管局每月对分类投放点进行检查。

        市实验小学

        小手拉大手 环保进家庭

        本报讯 市实验小学开展“环保小卫士”活动,全校学生把节约用水用电的知识带回家。

        家长们纷纷表示,孩子比自己还认真。

        ——建立检查通报制度。市城管局每月检查各区分类投放点,检查结果在媒体上通报。

        ——完善考核奖惩办法。垃圾分类纳入各区年度考核,考核结果与评先评优挂钩。
        """;

    [Fact]
    public void ContinuationAfterASidebarIsAttachedToTheFeatureWhenItsWordingMatches()
    {
        var result = Import(FeatureThenSidebarThenList);

        var feature = Article(result, "让垃圾分类成为新时尚");
        Assert.Equal("我市推进垃圾分类工作综述", feature.Subtitle);
        Assert.Equal([null, "一、设施更完善", "二、制度更健全"], feature.Sections.Select(s => s.Heading));
        Assert.Equal(3, feature.Sections[^1].Paragraphs.Count);
        Assert.StartsWith("——完善考核奖惩办法", feature.Sections[^1].Paragraphs[^1], StringComparison.Ordinal);

        var sidebar = Article(result, "小手拉大手 环保进家庭");
        Assert.Equal("市实验小学", sidebar.Kicker);
        Assert.Equal(2, Paragraphs(sidebar).Count());
        Assert.Equal(ImportWarningKind.Attached, Assert.Single(result.Warnings).Kind);
    }

    [Fact]
    public void ContinuationWithoutClearEvidenceIsLeftUnattachedNeverAddedToTheSidebar()
    {
        var result = Import("""
            让书香飘满校园

            ——市第三中学创建书香校园纪实

            书香校园建设开展三年来,校园里处处可见捧书阅读的身影。

            一、建起图书漂流站

            学校在每层楼道设立图书漂流站,学生可以自由借阅。

            市税务局

            便民办税春风行动启动

            本报讯 3月1日,市税务局启动春风行动,推出30项便民措施。

            ——推行线上办理。群众足不出户即可办理大部分事项。

            ——延长窗口时间。中午和周末安排专人值守。
            """);

        Assert.Equal(["3月1日,市税务局启动春风行动,推出30项便民措施。"], Paragraphs(Article(result, "便民办税春风行动启动")));
        Assert.Single(Article(result, "让书香飘满校园").Sections[^1].Paragraphs);
        Assert.Equal(
            ["——推行线上办理。群众足不出户即可办理大部分事项。", "——延长窗口时间。中午和周末安排专人值守。"],
            Warnings(result, ImportWarningKind.Unattached));
    }

    [Fact]
    public void NewsItemKeepsItsOwnListWhenItsWordingSaysSo()
    {
        var result = Import("""
            让书香飘满校园

            书香校园建设开展三年来,校园里处处可见捧书阅读的身影。

            一、建起图书漂流站

            学校在每层楼道设立图书漂流站,学生可以自由借阅。

            市税务局

            便民办税春风行动启动

            本报讯 3月1日,市税务局启动便民办税春风行动,纳税人办税更加便捷。

            ——推行线上办税。纳税人足不出户即可办理大部分涉税业务。

            ——延长办税窗口时间。市税务局中午和周末安排专人值守。
            """);

        Assert.Equal(3, Paragraphs(Article(result, "便民办税春风行动启动")).Count());
        Assert.Empty(result.Warnings);
    }

    [Theory]
    [InlineData("本报讯 今年以来,市环卫处重点抓好清扫保洁和垃圾清运两项工作。", true)]
    [InlineData("本报讯 今年以来,市环卫处从“两个到位”入手,提升城市环境卫生水平。", true)]
    [InlineData("本报讯 今年以来,市环卫处在3个城区推进环境卫生整治,历时两个月。", false)]
    public void NewsItemKeepsTheListItAnnouncesByCountOrByName(string lead, bool announced)
    {
        var result = Import($"""
            让城市更干净

            一年来,全市环卫工人起早贪黑,城市环境卫生面貌明显改观。

            一、机械化作业全覆盖

            全市主次干道机械化清扫率达到95%。

            市环卫处

            背街小巷净起来

            {lead}

            ——清扫保洁。每条小巷每天清扫两遍,随脏随扫。

            ——垃圾清运。生活垃圾日产日清,做到不落地、不暴露。
            """);

        var story = Article(result, "背街小巷净起来");
        Assert.Equal(announced ? 3 : 1, Paragraphs(story).Count());
        Assert.Equal(announced ? 0 : 2, Warnings(result, ImportWarningKind.Unattached).Count());
    }

    [Fact]
    public void HeadlineLikeChunkBeforeTheRestOfACutWordIsJoinedEvenAfterAFinishedParagraph()
    {
        var result = Import("""
            市河长制办公室

            社区河长当好“护河人”

            本报讯 今年以来,我市设立社区河长工作站18个。

            社区每周组织志愿者开展巡河活

            动。今年已开展巡河420余次。

            居民纷纷点赞“家门口的河变清了

            ”。不少居民报名成为护河志愿者。
            """);

        Assert.Equal(
            ["今年以来,我市设立社区河长工作站18个。", "社区每周组织志愿者开展巡河活动。今年已开展巡河420余次。", "居民纷纷点赞“家门口的河变清了”。不少居民报名成为护河志愿者。"],
            Paragraphs(Assert.Single(result.Articles)));
    }

    [Theory]
    [InlineData("——")]
    [InlineData("— —")]
    [InlineData("――")]
    [InlineData("－－")]
    [InlineData("--")]
    [InlineData("—")]
    public void EveryFormOfTheSubtitleDashIsRemoved(string dash)
    {
        var result = Import($"让城市更干净\n\n{dash}我市环境卫生整治工作综述\n\n一年来,城市环境卫生面貌明显改观。\n");

        Assert.Equal("我市环境卫生整治工作综述", Assert.Single(result.Articles).Subtitle);
    }

    [Theory]
    [InlineData("（下转第十二版）", "第12版")]
    [InlineData("(下转第Ａ５版)", "第A5版")]
    [InlineData("(下转第 b3 版)", "第B3版")]
    [InlineData("(转第5版)", "第5版")]
    public void JumpPagesAreReadInOneForm(string marker, string page)
    {
        var result = Import($"市园林局\n\n街头绿地变身“口袋公园”\n\n本报讯 今年以来,我市新建“口袋公园”26个。\n\n{marker}\n");

        Assert.Equal(page, Assert.Single(result.Articles).ContinuesOn);
    }

    [Fact]
    public void CaptionsBecomePhotosWithTheirCredits()
    {
        var result = Import("""
            市民在新建的口袋公园里散步 赵文华 摄

            游客在古城墙下拍照留念　　本报记者　钱伟　摄

            志愿者为社区老人义务理发 市青年志愿者协会供图
            """);

        Assert.Equal(
            [
                new ImportedPhoto("市民在新建的口袋公园里散步", "赵文华", null, "摄"),
                new ImportedPhoto("游客在古城墙下拍照留念", "钱伟", "本报记者", "摄"),
                new ImportedPhoto("志愿者为社区老人义务理发", "市青年志愿者协会", null, "供图"),
            ],
            result.Photos.Select(p => p with { Line = 0 }));
        Assert.Equal([1, 3, 5], result.Photos.Select(p => p.Line));
        Assert.Empty(result.Articles);
        Assert.Empty(result.Warnings);
    }

    [Fact]
    public void CaptionBetweenTwoHalvesOfABrokenParagraphDoesNotSplitIt()
    {
        var result = Import("""
            市图书馆

            夜间阅览室开放

            本报讯 市图书馆夜间阅览室正式开放,每晚开放至22时,方便上班族下班后

            读者在夜间阅览室看书 孙雨 摄

            前来阅读。
            """);

        Assert.Equal(["市图书馆夜间阅览室正式开放,每晚开放至22时,方便上班族下班后前来阅读。"], Paragraphs(result));
        Assert.Equal("读者在夜间阅览室看书", Assert.Single(result.Photos).Caption);
    }

    [Fact]
    public void BylineBlockListsRolesAndNames()
    {
        var result = Import("""
            本版撰稿
            本报记者 何佳 周宁
            通讯员 陈立
            """);

        var byline = Assert.IsType<ImportedByline>(result.Byline);
        Assert.Equal("本版撰稿", byline.Label);
        Assert.Equal(["本报记者:何佳,周宁", "通讯员:陈立"], byline.Roles.Select(r => $"{r.Role}:{string.Join(',', r.Names)}"));
        Assert.Equal("本版撰稿\n本报记者 何佳 周宁\n通讯员 陈立", byline.Raw);
    }

    [Theory]
    [InlineData("本版撰文　本报记者　通讯员\n何佳　陈立")]
    [InlineData("本版撰文\n何佳 本报记者\n陈立 通讯员")]
    [InlineData("本版撰文 本报记者\n何佳 通讯员 陈立")]
    [InlineData("本版撰文\n本报记者何佳\n通讯员陈立")]
    public void BylineScrambledByTheColumnsIsSortedOut(string block)
    {
        var byline = Assert.IsType<ImportedByline>(Import(block).Byline);
        Assert.Equal(["本报记者:何佳", "通讯员:陈立"], byline.Roles.Select(r => $"{r.Role}:{string.Join(',', r.Names)}"));
    }

    [Fact]
    public void HeadersWithKickerOnItsOwnLineOrBesideTheHeadline()
    {
        var result = Import("""
            市妇联

            巾帼志愿者服务队成立

            本报讯 日前,市妇联巾帼志愿者服务队正式成立,首批队员150人。

            市总工会 “职工书屋”扩容升级

            本报讯 市总工会今年新建职工书屋40家。
            """);

        Assert.Equal(
            [("市妇联", "巾帼志愿者服务队成立"), ("市总工会", "“职工书屋”扩容升级")],
            result.Articles.Select(a => (a.Kicker, a.Title)));
    }

    [Theory]
    [InlineData("市住房和城乡建设局", true)]
    [InlineData("盐湖区税务局", true)]
    [InlineData("中国银行河东分行", true)]
    [InlineData("市第二人民医院", true)]
    [InlineData("市红十字会", true)]
    [InlineData("红旗社区居委会", true)]
    [InlineData("文明实践进社区", false)]
    [InlineData("携手共建美丽家园", false)]
    [InlineData("绿色出行", false)]
    [InlineData("以人民为中心", false)]
    [InlineData("走进市图书馆", false)]
    [InlineData("构建新格局", false)]
    [InlineData("盐湖区", false)]
    [InlineData("省运会", false)]
    public void OneLineHeaderIsSplitOnlyAtAnOrganisationsName(string first, bool split)
    {
        var page = $"{first} 服务群众办实事\n\n本报讯 近日,一项便民服务在全市推开,群众办事更加方便。\n";

        var article = Assert.Single(Import(page).Articles);

        Assert.Equal(split ? first : null, article.Kicker);
        Assert.Equal(split ? "服务群众办实事" : $"{first} 服务群众办实事", article.Title);
    }

    [Fact]
    public void UnitsTheNewsroomKnowsAreKickersWhateverTheirForm()
    {
        const string Page = "盐湖区 社区里的“银发课堂”开课了\n\n本报讯 11月15日,盐湖区红旗社区的“银发课堂”迎来了第一批学员。\n";

        var known = new PrintPageImporter(["盐湖区", "市人社局"]).Import(Page).Articles.Single();
        var unknown = new PrintPageImporter().Import(Page).Articles.Single();

        Assert.Equal(("盐湖区", "社区里的“银发课堂”开课了"), (known.Kicker, known.Title));
        Assert.Equal((null, "盐湖区 社区里的“银发课堂”开课了"), (unknown.Kicker, unknown.Title));
    }

    [Fact]
    public void PairedHeadlineInsideAFeatureIsASubheadNotANewStory()
    {
        var result = Import("""
            同心共建文明城

            创建工作开展以来,全市上下齐心协力,城市面貌焕然一新。

            携手共建美丽家园 同心共绘幸福画卷

            全市2100余个小区开展环境整治,新增绿地36万平方米。
            """);

        var feature = Assert.Single(result.Articles);
        Assert.Equal([null, "携手共建美丽家园 同心共绘幸福画卷"], feature.Sections.Select(s => s.Heading));
    }

    [Fact]
    public void DatelineAndBracketedCreditAreTakenOutOfTheLead()
    {
        var result = Import("""
            第一则

            本报讯（记者 韩雪）入冬以来,各社区为独居老人送去棉被。

            第二则

            本报讯(通讯员 马晓峰 记者 林涛)城东街道完成了道路改造。

            第三则

            本报讯　市气象台发布寒潮蓝色预警。

            第四则

            本报北京12月1日电（记者 林涛）全国文明城市创建工作会议今天召开。
            """);

        Assert.Equal(
            [
                ("本报讯", "记者 韩雪", "入冬以来,各社区为独居老人送去棉被。"),
                ("本报讯", "通讯员 马晓峰 记者 林涛", "城东街道完成了道路改造。"),
                ("本报讯", null, "市气象台发布寒潮蓝色预警。"),
                ("本报北京12月1日电", "记者 林涛", "全国文明城市创建工作会议今天召开。"),
            ],
            result.Articles.Select(a => (a.Dateline, a.Credit, Paragraphs(a).Single())));
    }

    [Fact]
    public void SubheadsInsideAFeatureOpenSections()
    {
        var result = Import("""
            古城焕发新活力
            ——历史文化街区保护利用观察
            　　古城保护利用工作开展以来，一批老街巷重现昔日风貌。
            （一）修旧如旧留住乡愁
            　　修缮工作坚持“最小干预”原则，保留原有建筑格局。
            　　目前已完成修缮院落36处。
            （二）业态升级聚人气
            　　街区引进非遗工坊、特色书店等业态52家。
            """);

        var feature = Article(result, "古城焕发新活力");
        Assert.Equal("历史文化街区保护利用观察", feature.Subtitle);
        Assert.Equal([null, "（一）修旧如旧留住乡愁", "（二）业态升级聚人气"], feature.Sections.Select(s => s.Heading));
        Assert.Equal([1, 2, 1], feature.Sections.Select(s => s.Paragraphs.Count));
    }

    [Fact]
    public void ShortSentenceLinesAreSeparateParagraphsAndLeadInsStayInTheirs()
    {
        var result = Import("""
            工地上的安全员

            “请戴好安全帽!”
            “高空作业请系好安全带!”
            “材料不要堆在通道上!”
            每天一早,安全员老周的提醒声就在工地上响起。

            严字当头,细处着手。老周每天巡查工地三遍,发现隐患当场整改。
            """);

        Assert.Equal(
            [
                "“请戴好安全帽!”",
                "“高空作业请系好安全带!”",
                "“材料不要堆在通道上!”",
                "每天一早,安全员老周的提醒声就在工地上响起。",
                "严字当头,细处着手。老周每天巡查工地三遍,发现隐患当场整改。",
            ],
            Paragraphs(Article(result, "工地上的安全员")));
    }

    [Fact]
    public void ShortLinesAfterAFinishedParagraphStartANewStoryWithoutDateline()
    {
        var result = Import("""
            市交警支队

            “礼让斑马线”成为新风尚

            本报讯 今年全市机动车礼让行人率达到96%。

            市公交集团志愿服务队

            “爱心专座”温暖乘客

            市公交集团志愿服务队组建于2018年,现有队员200余名。
            """);

        Assert.Equal(["“礼让斑马线”成为新风尚", "“爱心专座”温暖乘客"], result.Articles.Select(a => a.Title));
        var second = result.Articles[1];
        Assert.Equal("市公交集团志愿服务队", second.Kicker);
        Assert.Null(second.Dateline);
        Assert.Equal(["市公交集团志愿服务队组建于2018年,现有队员200余名。"], Paragraphs(second));
    }

    [Fact]
    public void HeadlineWithACommaRightAbove本报讯IsStillAHeadline()
    {
        var result = Import("""
            天冷了，别忘了关心身边老人

            本报讯 入冬以来，各社区志愿者为独居老人送去棉被。

            为文明交通点赞！

            本报讯 交警部门通报，上月全市交通事故同比下降15%。
            """);

        Assert.Equal(["天冷了，别忘了关心身边老人", "为文明交通点赞！"], result.Articles.Select(a => a.Title));
    }

    [Fact]
    public void StoryBylineUnderTheHeadlineBecomesItsCredit()
    {
        var result = Import("""
            一条老街的新生

            本报记者 刘洋

            走进仓巷,青砖灰瓦间透出浓浓的烟火气。
            """);

        var article = Article(result, "一条老街的新生");
        Assert.Equal("本报记者 刘洋", article.Credit);
        Assert.Equal(["走进仓巷,青砖灰瓦间透出浓浓的烟火气。"], Paragraphs(article));
    }

    [Fact]
    public void CreditInBracketsAfterACaptionOrAtAStorysEndIsRead()
    {
        var result = Import("""
            市图书馆

            夜间阅览室开放

            读者在阅览室看书（本报记者 孙雨 摄）

            市图书馆夜间阅览室正式开放,每晚开放至22时。

            （记者 王磊）
            """);

        Assert.Equal(new ImportedPhoto("读者在阅览室看书", "孙雨", "本报记者", "摄"), Assert.Single(result.Photos) with { Line = 0 });
        var article = Article(result, "夜间阅览室开放");
        Assert.Equal("记者 王磊", article.Credit);
        Assert.Equal(["市图书馆夜间阅览室正式开放,每晚开放至22时。"], Paragraphs(article));
    }

    [Fact]
    public void InA本报讯StoryACreditLineStaysWhereItWasPrinted()
    {
        // The credit field is written between 本报讯 and the lead; text printed elsewhere cannot go there.
        var result = Import("""
            夜间阅览室开放

            本报记者 孙雨

            本报讯 市图书馆夜间阅览室正式开放,每晚开放至22时。

            （记者 王磊）
            """);

        var article = Assert.Single(result.Articles);
        Assert.Equal(("本报讯", (string?)null), (article.Dateline, article.Credit));
        Assert.Equal(["市图书馆夜间阅览室正式开放,每晚开放至22时。", "（记者 王磊）"], Paragraphs(article));
        var warning = Assert.Single(result.Warnings);
        Assert.Equal((ImportWarningKind.Unattached, "本报记者 孙雨", article.Title), (warning.Kind, warning.Text, warning.Article));
    }

    [Fact]
    public void SubheadsKeepTheirQuestionMarksAndSpacesAndSeparatorsAreIgnored()
    {
        var result = Import("""
            古城焕发新活力

            古城保护工作开展以来,一批老街巷重现昔日风貌。

            一、为什么要修旧如旧？

            修缮坚持“最小干预”原则。

            扎根社区 服务群众

            街区成立了居民议事会。

            ＊＊＊
            """);

        var article = Assert.Single(result.Articles);
        Assert.Equal([null, "一、为什么要修旧如旧？", "扎根社区 服务群众"], article.Sections.Select(s => s.Heading));
        Assert.Empty(result.Warnings);
    }

    [Fact]
    public void LinesAboveAHeaderThatBelongToNoStoryAreHandedOver()
    {
        var result = Import("""
            2024年12月5日　星期四

            市总工会

            职工书屋扩容

            本报讯 市总工会今年新建职工书屋40家。
            """);

        Assert.Equal(("市总工会", "职工书屋扩容"), (result.Articles.Single().Kicker, result.Articles.Single().Title));
        Assert.Equal(["2024年12月5日　星期四"], Warnings(result, ImportWarningKind.Unattached));
    }

    [Fact]
    public void JumpMarkersSetContinuesOnAndFlagTextFromAnotherPage()
    {
        var result = Import("""
            市交警支队

            “礼让斑马线”成为新风尚

            本报讯 今年全市机动车礼让行人率达到96%,比去年提高了8个百分点。

            （下转第4版）

            （上接第1版）

            交警部门还在主要路口设置了文明引导岗。
            """);

        var article = Assert.Single(result.Articles);
        Assert.Equal("第4版", article.ContinuesOn);
        Assert.Single(Paragraphs(article));
        Assert.Contains(result.Warnings, w => w.Kind == ImportWarningKind.ContinuedFrom && w.Text.Contains("上接第1版", StringComparison.Ordinal));
        Assert.Equal(["交警部门还在主要路口设置了文明引导岗。"], Warnings(result, ImportWarningKind.Unattached));
    }

    [Fact]
    public void ContinuedFromUnderAHeadlineNamesTheStory()
    {
        var result = Import("""
            “礼让斑马线”成为新风尚

            （上接第1版）

            交警部门还在主要路口设置了文明引导岗。
            """);

        var article = Assert.Single(result.Articles);
        Assert.Single(Paragraphs(article));
        var warning = Assert.Single(result.Warnings);
        Assert.Equal((ImportWarningKind.ContinuedFrom, article.Title), (warning.Kind, warning.Article));
    }

    [Fact]
    public void TextNoStoryCanTakeIsHandedOverWholeAsUnattached()
    {
        var result = Import("""
            据统计,活动期间共发放宣传资料3000余份。

            市残联

            助残日活动温暖人心

            本报讯 全国助残日当天,市残联组织志愿者走访慰问残疾人家庭200户。
            """);

        var warning = Assert.Single(result.Warnings);
        Assert.Equal((ImportWarningKind.Unattached, "据统计,活动期间共发放宣传资料3000余份。", (string?)null), (warning.Kind, warning.Text, warning.Article));
        Assert.Equal([1], warning.Lines);
        Assert.Single(Paragraphs(Assert.Single(result.Articles)));
    }

    [Fact]
    public void ParagraphPrintedTwiceIsKeptOnceWithAWarning()
    {
        var result = Import("""
            市妇联

            巾帼志愿者服务队成立

            本报讯 日前,市妇联巾帼志愿者服务队正式成立。

            首批队员150人,来自各行各业。

            首批队员150人,来自各行各业。
            """);

        Assert.Equal(2, Paragraphs(result).Count());
        var warning = Assert.Single(result.Warnings);
        Assert.Equal((ImportWarningKind.Duplicate, "首批队员150人,来自各行各业。"), (warning.Kind, warning.Text));
    }

    [Fact]
    public void UnreadableCharactersAreReportedWithTheirLine()
    {
        var result = Import("标题一则\n\n本报讯 今年\uFFFD\uFFFD全市新增绿地。\u0007\n");

        var warning = Assert.Single(result.Warnings);
        Assert.Equal(ImportWarningKind.Unreadable, warning.Kind);
        Assert.Equal([3], warning.Lines);
        Assert.Equal(["今年\uFFFD\uFFFD全市新增绿地。"], Paragraphs(result));
    }

    [Fact]
    public void ParagraphsRememberTheirSourceLines()
    {
        var result = Import("""
            市体育中心

            冬季长跑开赛

            本报讯 冬季长跑比赛在市体育中心鸣枪开跑,1500余名选手参

            加了比赛。
            """);

        Assert.Equal([[5, 7]], Assert.Single(result.Articles).Sections.Single().ParagraphLines);
    }

    [Fact]
    public void CrlfAndCrPagesImportLikeLf()
    {
        const string Page = "市园林局\n\n街头绿地变身“口袋公园”\n\n本报讯 今年以来,新建“口袋公园”26个,让市民出门\n\n见绿。\n\n公园里设置了健身步道。\n";
        var lf = ImportJson.Serialize(Import(Page));
        Assert.Equal(lf, ImportJson.Serialize(Import(Page.Replace("\n", "\r\n", StringComparison.Ordinal))));
        Assert.Equal(lf, ImportJson.Serialize(Import(Page.Replace("\n", "\r", StringComparison.Ordinal))));
    }

    [Fact]
    public void ImporterCanBeSharedAcrossThreads()
    {
        var importer = new PrintPageImporter();
        var page = TestEncodings.Utf8(FeatureThenSidebarThenList);
        var expected = ImportJson.Serialize(importer.Import(page));

        var results = new string[16];
        Parallel.For(0, results.Length, i => results[i] = ImportJson.Serialize(importer.Import(page)));

        Assert.All(results, json => Assert.Equal(expected, json));
    }
}
