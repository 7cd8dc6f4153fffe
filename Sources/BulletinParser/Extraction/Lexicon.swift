/// The words of bulletins that give numbers their meaning.
///
/// Every list here comes from how Chinese statistical bulletins and work reports are written,
/// not from any one document.
enum Lexicon {
    /// Units a figure may carry, magnitude excluded. Longest match wins (个百分点 over 个).
    static let units = WordSet([
        "%", "‰", "个百分点", "百分点", "倍",
        "元", "美元", "亿美元", "欧元", "港元", "日元", "元人民币",
        "人", "人次", "户", "户次", "个", "家", "所", "座", "处", "项", "场", "次", "件", "台", "辆", "艘",
        "架", "架次", "头", "只", "羽", "匹", "株", "棵", "亩", "公顷", "平方米", "平方公里", "平方千米",
        "立方米", "吨", "千克", "公斤", "斤", "克", "公里", "千米", "米", "延米", "千瓦", "千瓦时", "兆瓦",
        "兆瓦时", "吉瓦", "吉瓦时", "千伏", "千伏安", "标准箱", "吨标准煤", "吨公里", "人公里", "张", "床",
        "间", "册", "部", "篇", "条", "门", "宗", "笔", "批", "天", "小时", "分钟", "岁", "名", "支", "种",
        "片", "对", "份", "例", "起", "栋", "幢", "套", "台套", "方面", "盏", "口", "眼", "锭",
        "微克", "毫克", "毫米", "厘米", "°C", "米/秒",
        "km", "kg", "MW", "GW", "kW", "kWh", "MWh", "GWh", "TEU", "Mbps", "Gbps",
    ])

    /// Units of time: a figure of time before a noun names a thing ("15分钟健身圈"), it is not a count.
    static let timeUnits: Set<String> = ["天", "小时", "分钟", "岁"]

    /// Units that count things, after which a following noun is what was counted.
    static let denominators = WordSet([
        "人", "户", "千人", "万人", "十万人", "平方米", "平方公里", "亩", "公顷", "吨", "公斤", "斤", "年", "月",
        "日", "天", "小时", "秒", "人次", "千人口", "万人口", "床", "辆", "立方米", "千瓦时", "度",
    ])

    /// Orders of magnitude written between a number and its unit.
    static let magnitudes = WordSet(["万亿", "千亿", "百亿", "千万", "百万", "十万", "亿", "万", "千"])

    /// Approximation and bound words written before a number.
    static let preQualifiers = WordSet([
        "近", "约", "逾", "超过", "突破", "超", "接近", "将近", "不足", "不到", "不低于", "不少于", "不超过",
        "不高于", "大约", "约为", "达到近", "高达",
    ])
    /// The qualifier word reported for each pre-qualifier spelling.
    static func canonicalPreQualifier(_ word: String) -> String? {
        switch word {
        case "约为", "大约": return "约"
        case "达到近": return "近"
        case "高达": return nil
        default: return word
        }
    }

    /// Approximation and bound words written after a number or its unit.
    static let postQualifiers = WordSet(["以上", "以下", "以内", "左右", "上下", "有余", "多"])
    /// Written between a number and its unit: 460余场, 5000多人.
    static let midQualifiers = WordSet(["余", "多"])

    /// Verbs of direction before a rate or an amount.
    static let increaseVerbs = WordSet([
        "增长", "增加", "提高", "提升", "上涨", "上升", "增", "涨", "扩大", "多", "高", "高于", "增幅为", "增速为",
        "增长了", "提高了", "增加了", "净增", "净增加", "多增", "升值", "加快", "回升", "提速",
    ])
    static let decreaseVerbs = WordSet([
        "下降", "降低", "减少", "回落", "下滑", "降", "跌", "下跌", "缩小", "收窄", "少", "低", "低于", "减",
        "下降了", "降低了", "减少了", "降幅为", "净减", "净减少", "少增", "贬值", "放缓", "减缓",
    ])
    /// Markers that turn a direction verb into "to a level": 提高到, 降至.
    static let toMarkers: Set<Unicode.Scalar> = ["到", "至"]

    /// Words between a subject and its number that are not part of the subject.
    static let predicates = WordSet([
        "达到", "达", "为", "是", "完成", "实现", "共有", "拥有", "有", "共计", "合计", "总计", "计", "共",
        "占", "惠及", "覆盖", "保持在", "控制在", "稳定在", "维持在", "分别", "均", "各", "同比",
        "比上年", "比去年", "较上年", "较去年", "比上年同期", "比年初", "较年初", "比上年末", "较上年末",
        "按可比价格计算", "按可比口径计算", "按可比口径", "按可比价计算", "扣除价格因素", "实际", "同口径",
        "按同口径", "同口径计算", "按同口径计算", "名义",
        "年均", "平均", "平均为", "年均为", "拟按", "按", "拟", "拟安排", "安排", "约占", "了", "在", "于", "已", "已经", "再", "又", "累计",
        "均为", "分别为", "分别达到", "分别达", "依次为", "全年",
        "至", "到", "同比分别", "可比", "首次", "全部", "超额", "仅",
        "就", "只", "都", "均已",
    ])

    /// Words a subject does not start with: connectives, time and scope words.
    static let subjectLeadIns = WordSet([
        "其中", "同时", "此外", "另外", "并且", "并", "且", "和", "及", "以及", "与", "全年", "年末", "年底",
        "年内", "今年", "去年", "上年", "当年", "截至目前", "截至年底", "截至年末", "截至", "目前", "首次",
        "并", "确保", "力争", "争取", "努力", "预计", "力求", "全力", "计划", "全市", "全县", "全省", "全区",
        "全旗", "全州", "全盟", "实现", "完成", "共有", "共计", "拟",
        // the milestone a figure before crossed: 突破5万亿元大关、达到…
        "大关", "台阶", "关口",
    ])

    /// A verb alone is no subject: "新增1.2万人" leaves the noun to what follows or to the clause before.
    static let bareVerbs: Set<String> = [
        "新增", "新建", "实施", "完成", "建成", "改造", "新改建", "新建改造", "落地", "引进", "培育", "打造", "创建",
        "开展", "举办", "争取", "累计", "实现", "新开工", "开工", "投入", "建设", "安排", "组织", "培训", "帮助",
        "带动", "吸引", "接待", "办理", "发放", "解决", "推动", "推进", "启动", "建立", "出台", "获批", "认定",
    ]
    /// Verbs that cannot start the noun read after a figure: "30亿元建设…" is no subject.
    static let verbStarts = WordSet([
        "建设", "用于", "实施", "新建", "完成", "开展", "带动", "拉动", "支持", "推动", "推进", "实现", "达到",
        "比", "较", "同比", "增长", "下降", "提高", "降低", "创", "居全", "居第", "居前", "位居", "排", "列", "占", "约", "是", "为",
    ])

    /// Nouns that make a percentage a share: 比例, 比重, 占比, 参保率 ….
    static let shareNouns = WordSet([
        "率", "比例", "比重", "占比", "份额", "覆盖面", "达标率", "程度", "系数", "指数", "水平", "自然增长率",
    ])
    /// Nouns that make a percentage a growth rate.
    static let growthNouns = WordSet(["增速", "增幅", "增长率", "涨幅", "增长速度", "增长幅度"])
    static let fallNouns = WordSet(["降幅", "下降幅度", "降低幅度"])

    /// Words after a unit that show it measures the noun that follows is not a noun: 以上, 增长 ….
    static let afterUnitNotNoun = WordSet([
        "以上", "以下", "以内", "左右", "上下", "有余", "多", "和", "及", "与", "或", "至", "到", "增长", "下降",
        "同比", "比上年", "较上年", "比", "较", "占", "居全", "居第", "居前", "居首", "居于", "位居", "排名", "创", "是", "为", "其中", "分别",
        "增加", "减少", "提高", "降低", "上升", "回落", "等", "左", "以", "之", "已", "均", "共", "合计", "累计",
        "全部", "全年", "年", "人次", "次", "万", "亿", "就", "即", "后", "前", "内", "来", "时", "间",
        // a milestone crossed, not a thing counted: 突破5万亿元大关, 迈上千亿台阶
        "大关", "台阶", "关口", "量级",
    ])

    /// Verbs that end a noun phrase read after a figure ("9个旗县市区实现出口全覆盖").
    static let afterSubjectStops = WordSet([
        "实现", "全部", "均", "已", "达到", "完成", "入选", "投运", "投入", "建成", "开工", "获得", "荣获", "被",
        "成为", "列入", "纳入", "通过", "落户", "签约", "开业", "运营", "增长", "下降", "正式", "顺利", "全面",
        "累计", "共", "得到", "获", "参加", "受益", "达", "为", "是", "在", "于", "和", "及", "与", "等",
    ])

    /// Sentence cues that a figure is a goal.
    static let targetCueWords = [
        "力争", "确保", "预期目标", "主要目标", "目标是", "目标为", "目标任务是", "年内", "今年", "明年",
        "计划", "预期增长", "预期为", "争取实现", "力求", "拟按", "拟安排", "拟发行", "工作安排", "重点工作", "主要任务", "总体要求",
        "到期末", "将达到", "将实现",
    ]
    /// Sentence cues that the figure is a forecast.
    static let estimateCueWords = ["预计", "预测", "有望"]
    /// Sentence cues that the text reviews what happened.
    static let actualCueWords = [
        "过去一年", "过去的一年", "去年", "一年来", "工作回顾", "过去五年", "五年来", "荣获", "获批", "已经",
        "取得了", "实现了", "完成了", "达到了",
    ]
    /// Cues strong enough to switch the reading of later sentences.
    static let targetModeCueWords = [
        "力争", "确保", "预期目标", "主要目标", "年内", "今年", "工作安排", "重点工作", "主要任务", "总体要求",
        "政策取向",
    ]
    static let actualModeCueWords = ["过去一年", "过去的一年", "一年来", "工作回顾", "过去五年", "五年来"]

    /// Words right before a number that make it a name or an ordinal, not a quantity.
    static let nameLeadIns = WordSet([
        "第", "国道", "省道", "县道", "乡道", "高速", "前", "No", "NO", "编号", "代码", "热线", "电话", "号码",
        "邮编", "地铁", "公交",
    ])
    /// Words right after a number that make it a date, a name or an ordinal.
    static let nameTrailers = WordSet([
        "年", "月", "日", "号", "时", "周年", "世纪", "届", "线", "号线", "路", "大", "强", "后", "型", "版", "期",
        "级", "代", "维", "产业", "中", "式", "点", "分",
    ])
}

/// Kinds of sentence cue, as tag bits of ``Lexicon/cues``.
struct Cue: OptionSet, Sendable {
    let rawValue: UInt32
    static let target = Cue(rawValue: 1)
    static let estimate = Cue(rawValue: 2)
    static let actual = Cue(rawValue: 4)
    static let targetMode = Cue(rawValue: 8)
    static let actualMode = Cue(rawValue: 16)
}

extension Lexicon {
    /// Every sentence cue in one set, so a sentence is scanned once.
    static let cues: WordSet = {
        var words: [(String, UInt32)] = []
        func add(_ set: [String], _ cue: Cue) { words += set.map { ($0, cue.rawValue) } }
        add(targetCueWords, .target)
        add(estimateCueWords, .estimate)
        add(actualCueWords, .actual)
        add(targetModeCueWords, .targetMode)
        add(actualModeCueWords, .actualMode)
        return WordSet(tagged: words)
    }()
}

extension Lexicon {
    /// Measures that the parts of a 分别 subject share: "水稻、玉米单产" → 水稻单产, 玉米单产.
    static let sharedMeasures = WordSet([
        "增加值", "单产", "产量", "总产量", "参保率", "保险参保率", "保险", "人均可支配收入", "可支配收入", "收入",
        "消费支出", "支出", "比重", "占比", "增速", "总额", "面积", "标准", "价格", "指数", "投资", "产值",
        "营业收入", "利润", "销售额", "进口", "出口", "覆盖率", "人数", "数量", "规模", "存款", "贷款", "余额",
    ])
}

extension Lexicon {
    /// Words that open a base of comparison: what follows them is not the thing measured.
    static let comparisonLeads = WordSet(["高于", "低于", "快于", "慢于", "好于", "优于", "多于", "少于"])

    /// "是上年的2.4倍", "相当于全国的": a base the clause's subject is measured against.
    static let multipleBases = WordSet([
        "是上年", "为上年", "是去年", "为去年", "相当于上年", "相当于去年", "是全国", "为全国", "相当于全国",
        "是全省", "为全省", "相当于全省", "是同期", "为同期",
    ])

    /// Verbs that lead from a figure to the one it became: "由286亿元增加到412亿元".
    static let changeToVerbs = WordSet([
        "增加到", "增长到", "提高到", "提升到", "上升到", "扩大到", "下降到", "降低到", "减少到", "缩小到", "增加至",
        "增长至", "提高至", "提升至", "上升至", "扩大至", "下降至", "降低至", "减少至", "缩小至", "降至", "降到", "升至",
        "增至", "跃升至", "跃升到",
    ])
}

extension Lexicon {
    /// Measure nouns that name nothing alone: they belong to the subject of the clause before.
    static let measureNouns: Set<String> = [
        "总量", "总数", "总额", "余额", "规模", "数量", "总计", "合计", "累计", "总规模", "年末余额", "增速", "增幅",
        "降幅", "涨幅",
    ]
}

extension Lexicon {
    /// Units that count things (measure words), as opposed to amounts of money, area or weight.
    static let classifiers: Set<String> = [
        "个", "家", "所", "座", "处", "项", "场", "次", "件", "台", "辆", "艘", "架", "头", "只", "户", "人", "名",
        "套", "条", "批", "种", "张", "部", "篇", "门", "宗", "笔", "栋", "幢", "间", "册", "例", "起", "片",
    ]
}
