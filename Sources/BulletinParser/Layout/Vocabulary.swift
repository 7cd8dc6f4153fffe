/// Words of Chinese, for judging whether a word runs across a join.
///
/// The common words of the language (``CommonWords``, from jieba's dictionary), the lexicons of the
/// extractor (units, verbs, qualifiers, measures) and the commonest words of bulletins.
enum Vocabulary {
    /// Whether `s[range]` is a word.
    static func contains(_ s: [Unicode.Scalar], _ range: Range<Int>) -> Bool {
        keys.contains(key(s[range]))
    }

    /// A 64-bit FNV-1a hash of a word's scalars: lookups allocate nothing, and a key can be
    /// extended one scalar at a time with ``extend(_:with:)``.
    static func key(_ word: some Sequence<Unicode.Scalar>) -> UInt64 {
        word.reduce(offsetBasis) { extend($0, with: $1) }
    }

    static let offsetBasis: UInt64 = 0xcbf2_9ce4_8422_2325

    @inline(__always) static func extend(_ key: UInt64, with c: Unicode.Scalar) -> UInt64 {
        (key ^ UInt64(c.value)) &* 0x0000_0100_0000_01B3
    }

    static let keys = KeyTable(words.map { key($0) })

    /// Whether `a` followed by `b` occurs inside some word: most joins fail this one lookup, and no
    /// word can span them.
    static func hasPair(_ a: Unicode.Scalar, _ b: Unicode.Scalar) -> Bool {
        pairs.contains(UInt64(a.value) << 32 | UInt64(b.value))
    }

    private static let pairs: KeyTable = {
        var result = KeyTable(capacity: 4096)
        for word in words where word.count >= 2 {
            for k in 1..<word.count { result.add(UInt64(word[k - 1].value) << 32 | UInt64(word[k].value)) }
        }
        return result
    }()

    static let words: Set<[Unicode.Scalar]> = {
        var all = Set(common.map { Array($0.unicodeScalars) })
        for chunk in CommonWords.packed {
            for word in chunk.split(separator: " ") { all.insert(Array(word.unicodeScalars)) }
        }
        // units, alone and after a magnitude: "个|百分点" and "万|人" are one unit split by the join
        for unit in unitWords where unit.unicodeScalars.count >= 2 { all.insert(Array(unit.unicodeScalars)) }
        for magnitude in ["万", "亿", "千", "万亿"] {
            for unit in unitWords { all.insert(Array((magnitude + unit).unicodeScalars)) }
        }
        return all
    }()

    private static let unitWords = [
        "元", "美元", "人", "人次", "户", "个", "家", "所", "座", "处", "项", "场", "件", "台", "辆", "头", "只", "亩",
        "公顷", "平方米", "平方公里", "立方米", "吨", "公斤", "斤", "公里", "千米", "米", "千瓦", "千瓦时", "兆瓦",
        "兆瓦时", "标准箱", "张", "套", "名", "个百分点", "百分点",
    ]

    private static let common = [
        // predicates, qualifiers and measures the extractor knows
        "以上", "以下", "以内", "左右", "上下", "突破", "超过", "接近", "增长", "增加", "提高", "提升", "上涨", "上升",
        "下降", "降低", "减少", "回落", "达到", "完成", "实现", "分别", "其中", "同比", "累计", "共计", "合计", "比例",
        "比重", "占比", "控制在", "稳定在", "保持在", "维持在", "提高到", "下降到", "增加到", "减少到", "增速", "增幅", "涨幅", "百分点", "参保", "参保率", "覆盖率",
        "增加值", "单产", "产量",
        "收入", "支出", "可支配", "可支配收入", "总额", "总值", "生产总值", "面积", "标准", "价格", "指数",
        // the commonest words of work reports and bulletins
        "经济", "发展", "建设", "项目", "企业", "服务", "改革", "创新", "产业", "工业", "农业", "农村", "城市", "城镇",
        "城乡", "居民", "消费", "投资", "全市", "全省", "全县", "全区", "地区", "生产", "规模", "财政", "预算", "金融",
        "贷款", "存款", "余额", "就业", "保险", "养老", "医疗", "教育", "卫生", "文化", "旅游", "交通", "公路", "铁路",
        "能源", "电力", "生态", "环境", "保护", "治理", "污染", "资源", "土地", "耕地", "粮食", "人口", "社会", "安全",
        "管理", "体系", "机制", "政策", "政府", "工作", "重点", "推进", "加快", "深化", "持续", "全面", "打造", "培育",
        "新增", "新建", "改造", "实施", "开展", "推动", "促进", "加强", "支持", "科技", "研发", "技术", "人才", "高新",
        "数字", "平台", "园区", "基地", "中心", "市场", "主体", "贸易", "出口", "进口", "外资", "开放", "合作", "区域",
        "民生", "保障", "住房", "租赁", "学校", "学位", "儿童", "老年", "设施", "基础", "水利", "供水", "供热", "燃气",
        "垃圾", "污水", "处理", "覆盖", "能耗", "单位", "森林", "草原", "湿地", "水质", "空气", "质量", "优良", "天数",
        "目标", "任务", "成效", "全年", "年末", "转移", "农民", "牧民", "毕业", "毕业生", "高校", "职业", "培训", "创业",
        "用工", "岗位", "失业", "救助", "低保", "最低", "生活", "困难", "群众", "特色", "示范", "试点", "物流", "枢纽",
        "电商", "营商", "政务", "审批", "办理", "信用", "诚信", "监管", "法治", "应急", "风险", "债务", "化解", "防范",
        "报警", "报警器", "设备", "工程", "行动", "计划", "方案", "制度", "水平", "能力", "结构", "转型", "升级", "绿色",
        "低碳", "节能", "节水", "减排", "碳汇", "新能源", "风电", "光伏", "储能", "电网", "公园", "道路", "桥梁", "管网",
        "小区", "社区", "乡村", "振兴", "脱贫", "巩固", "衔接", "帮扶", "托育", "托位", "幼儿", "婴幼儿", "义务", "普通",
        "高中", "医院", "医保", "诊疗", "健康", "体育", "赛事", "节会", "活动", "文明", "荣誉", "称号", "国家", "全国",
        "中小", "中小企业", "科技型", "专精特新", "高技能", "劳务", "品牌", "市场主体", "批而未供", "闲置", "盘活",
        // the terms of statistical bulletins: rates, populations, accounts, farm and trade figures
        "城镇化", "城镇化率", "出生率", "死亡率", "自然增长率", "增长率", "普及率", "入学率", "达标率", "优良率",
        "贡献率", "利用率", "完成率", "就业率", "失业率", "调查失业率", "合格率", "保有量", "常住人口", "户籍人口",
        "城镇人口", "乡村人口", "社会消费品", "零售总额", "零售额", "公共预算", "一般公共预算", "税收收入", "税收",
        "规模以上", "固定资产", "固定资产投资", "进出口", "外贸", "播种面积", "总产量", "存栏", "出栏", "生猪", "人均",
        "居民人均", "消费支出", "工业增加值", "第一产业", "第二产业", "第三产业", "高新技术", "营业收入", "利润总额",
        "金融机构", "人民币", "各项存款", "各项贷款", "存款余额", "贷款余额", "接待游客", "旅游收入", "常住",
    ]
}
