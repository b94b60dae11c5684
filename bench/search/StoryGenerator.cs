using System.Text;

namespace CivilizationNews.Bench.Search;

/// <summary>
/// Composes varied Chinese news stories from word lists and sentence templates: many units, places,
/// people, activities and numbers, so that the index sees a realistic vocabulary rather than a
/// handful of repeated sentences. Deterministic for a given seed.
/// </summary>
public sealed class StoryGenerator(int seed)
{
    private readonly Random _random = new(seed);
    // Each story draws on its own few activities and sentence shapes, as a real story keeps to its subject.
    private string[] _topics = [];
    private int[] _shapes = [];

    public static readonly string[] Districts =
    [
        "盐湖区", "河东区", "临猗县", "万荣县", "闻喜县", "稷山县", "新绛县", "绛县", "垣曲县", "夏县", "平陆县", "芮城县", "永济市", "河津市",
        "城南新区", "空港新区", "开发区", "北城街道", "南城街道", "东城街道", "西城街道", "解州镇", "龙居镇", "三路里镇", "泓芝驿镇",
    ];

    private static readonly string[] Institutions =
    [
        "人民医院", "中医医院", "妇幼保健院", "第一中学", "第二中学", "实验小学", "职业技术学校", "文化馆", "图书馆", "博物馆", "税务局",
        "市场监管局", "交通运输局", "公安分局", "消防救援大队", "供电公司", "自来水公司", "燃气公司", "邮政分公司", "农商银行",
        "人民法院", "人民检察院", "卫生健康局", "教育局", "民政局", "人社局", "住建局", "城管局", "文旅局", "生态环境分局", "团委",
        "妇联", "总工会", "科协", "红十字会", "志愿服务联合会", "融媒体中心", "养老院", "社会福利院", "疾控中心",
    ];

    private static readonly string[] Surnames = ["王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴", "徐", "孙", "胡", "朱", "高", "林", "何", "郭", "马", "罗", "梁", "宋", "郑", "谢", "韩", "唐", "冯", "于", "董", "萧", "程", "曹", "袁", "邓", "许", "傅", "沈", "曾", "彭", "吕"];
    private static readonly string[] GivenChars = ["伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛", "明", "超", "秀", "霞", "平", "刚", "桂", "英", "华", "文", "建", "国", "志", "红", "思", "远", "晓", "燕", "鹏", "宇", "欣", "怡", "嘉", "浩", "晨"];
    private static readonly string[] Roles = ["党支部书记", "负责人", "志愿者", "社区网格员", "主治医师", "班主任", "所长", "队长", "工作人员", "居民", "村民", "退休教师", "快递员", "出租车司机", "环卫工人"];
    private static readonly string[] Places = ["社区", "村", "小区", "广场", "公园", "街道", "集市", "车站", "景区", "学校", "敬老院", "卫生室", "文化广场", "农贸市场"];
    private static readonly string[] PlaceNames = ["红旗", "解放", "和平", "幸福", "光明", "建设", "人民", "胜利", "东风", "新华", "北郊", "南关", "西街", "东关", "槐树", "柳林", "杏园", "桃花", "盐池", "舜帝", "关帝", "条山", "涑水", "姚暹"];
    private static readonly string[] Activities =
    [
        "志愿服务", "文明交通劝导", "垃圾分类宣传", "义诊", "理发", "读书分享会", "河东书房夜读", "政策宣讲", "消防演练", "防诈骗讲座",
        "植树造林", "环境整治", "关爱留守儿童", "慰问困难群众", "无偿献血", "送戏下乡", "非遗展示", "法律咨询", "健康体检", "安全检查",
        "文明餐桌行动", "光盘行动", "移风易俗宣传", "便民服务", "爱国卫生运动", "网格化管理", "文明城市创建", "全民阅读", "助残帮扶", "义务植树",
    ];
    private static readonly string[] Groups = ["老人", "儿童", "学生", "居民", "村民", "残疾人", "退役军人", "外来务工人员", "环卫工人", "游客", "家长", "党员"];
    private static readonly string[] Things = ["冬衣", "图书", "药品", "米面油", "学习用品", "取暖设备", "宣传册", "健身器材", "爱心包裹", "应急物资"];
    private static readonly string[] Adjectives = ["扎实", "有序", "深入", "广泛", "持续", "务实", "精准", "高效", "细致", "热情"];
    private static readonly string[] Goals = ["群众满意度", "城市文明程度", "市民文明素质", "社区治理水平", "服务质量", "办事效率", "环境卫生", "交通秩序", "居民幸福感", "乡村面貌"];
    private static readonly string[] Venues = ["河东书房", "城市书房", "农家书屋", "文化驿站", "新时代文明实践站", "党群服务中心", "便民服务站", "社区食堂", "爱心驿站", "四点半课堂"];
    private static readonly string[] Months = ["1月", "2月", "3月", "4月", "5月", "6月", "7月", "8月", "9月", "10月", "11月", "12月"];

    /// <summary>Unit names: each district with each kind of institution (about a thousand).</summary>
    public static IEnumerable<(string Name, string ShortName)> Units() =>
        Districts.SelectMany(d => Institutions.Select(i => ($"{d}{i}", d.Length > 2 ? d[..2] + i : d + i)));

    private string Pick(string[] items) => items[_random.Next(items.Length)];

    private string Person() => Pick(Surnames) + Pick(GivenChars) + (_random.Next(3) == 0 ? "" : Pick(GivenChars));

    private string Place() => Pick(Districts) + Pick(PlaceNames) + Pick(Places);

    private int N(int min, int max) => _random.Next(min, max);

    private string Topic() => _topics[_random.Next(_topics.Length)];

    private string Sentence(string unit)
    {
        return _shapes[_random.Next(_shapes.Length)] switch
        {
            0 => $"{Pick(Months)}{N(1, 29)}日，{unit}组织{N(10, 300)}名干部职工走进{Place()}，开展{Topic()}活动。",
            1 => $"“{Topic()}不是一阵风，而要常态化。”{unit}{Pick(Roles)}{Person()}说。",
            2 => $"截至目前，全市已累计开展{Topic()}{N(100, 9000)}场次，惠及{Pick(Groups)}{N(1000, 90000)}人次。",
            3 => $"在{Place()}，{Pick(Roles)}{Person()}正带领{N(3, 40)}名志愿者为{Pick(Groups)}送去{Pick(Things)}。",
            4 => $"{unit}坚持把{Topic()}作为提升{Pick(Goals)}的重要抓手，工作做得{Pick(Adjectives)}。",
            5 => $"今年以来，{Pick(Districts)}新建{Pick(Venues)}{N(2, 30)}家，藏书{N(1, 20)}万册，日均接待读者{N(50, 900)}人次。",
            6 => $"记者在现场看到，{Pick(Groups)}们排起长队，{Pick(Roles)}{Person()}耐心地逐一登记。",
            7 => $"据了解，此次{Topic()}共投入资金{N(5, 500)}万元，覆盖{N(3, 60)}个{Pick(Places)}。",
            8 => $"{Person()}是{Place()}的一名{Pick(Roles)}，{N(2, 30)}年来坚持参与{Topic()}，被评为“最美志愿者”。",
            9 => $"下一步，{unit}将继续{Pick(Adjectives)}推进{Topic()}，不断提高{Pick(Goals)}。",
            10 => $"“以前{Pick(Places)}里{Pick(Things)}缺得很，现在方便多了。”{N(60, 90)}岁的{Pick(Groups)}{Person()}笑着说。",
            11 => $"活动现场设置了{Topic()}、{Topic()}、{Topic()}等{N(3, 12)}个服务台。",
            12 => $"{Pick(Months)}以来，{unit}累计受理群众诉求{N(100, 5000)}件，办结率达{N(90, 100)}%。",
            13 => $"为巩固全国文明城市创建成果，{Pick(Districts)}在{Place()}设立了{N(2, 20)}个文明实践站。",
            14 => $"{Pick(Roles)}{Person()}介绍，{Pick(Places)}今年计划再增加{N(2, 50)}处{Pick(Things)}发放点。",
            15 => $"不少{Pick(Groups)}表示，{Topic()}让他们感受到了实实在在的温暖。",
            16 => $"通过{Topic()}，{Place()}的{Pick(Goals)}明显提升，群众点赞不断。",
            17 => $"{unit}还与{Pick(Districts)}{Pick(Institutions)}结成共建对子，联合开展{Topic()}。",
            18 => $"{N(2015, 2024)}年，{unit}被评为市级文明单位，{N(2016, 2025)}年又获得“{Topic()}先进集体”称号。",
            19 => $"夜幕降临，{Place()}的灯光亮起来，{Pick(Groups)}们在{Pick(Venues)}里各得其所。",
            20 => $"“我们要把{Topic()}做到{Pick(Groups)}的心坎上。”{Pick(Roles)}{Person()}表示。",
            21 => $"{Pick(Districts)}{Pick(Institutions)}组织党员{N(5, 80)}人，深入{Place()}开展{Topic()}。",
            22 => $"{Pick(Things)}、{Pick(Things)}一应俱全，{Pick(Groups)}们不出{Pick(Places)}就能办好事。",
            _ => $"据统计，{Pick(Months)}份全市共发放{Pick(Things)}{N(100, 20000)}份，帮助{Pick(Groups)}{N(50, 5000)}户。",
        };
    }

    public GeneratedStory Next(IReadOnlyList<(string Name, string ShortName)> units)
    {
        var unitIndex = _random.Next(units.Count);
        var unit = units[unitIndex].Name;
        _topics = Enumerable.Range(0, 3).Select(_ => Pick(Activities)).ToArray();
        _shapes = Enumerable.Range(0, 24).OrderBy(_ => _random.Next()).Take(N(6, 11)).ToArray();
        var activity = _topics[0];
        var title = _random.Next(4) switch
        {
            0 => $"{unit}：{activity}进{Pick(Places)}",
            1 => $"{Pick(Districts)}{Pick(Groups)}点赞{activity}",
            2 => $"{N(2, 300)}名志愿者走进{Place()}",
            _ => $"{unit}{Pick(Adjectives)}推进{activity}",
        };
        var body = new StringBuilder(1700);
        var paragraph = new StringBuilder(400);
        while (body.Length < 1500)
        {
            paragraph.Clear();
            var sentences = N(2, 6);
            for (var i = 0; i < sentences; i++)
            {
                paragraph.Append(Sentence(unit));
            }
            body.Append(paragraph).Append("\n\n");
        }
        var summary = Sentence(unit) + Sentence(unit);
        var caption = $"{Pick(Roles)}{Person()}在{Place()}开展{activity}。";
        return new GeneratedStory(title, unit, summary, body.ToString().TrimEnd(), caption, unitIndex);
    }
}

public sealed record GeneratedStory(string Title, string Kicker, string Summary, string Body, string Caption, int UnitIndex);
