import XCTest

@testable import BulletinParser

final class ExtractionTests: XCTestCase {
    func testParse_whenGrowthFollowsLevel_carriesTheSubject() throws {
        let list = try indicators("2023年,全市地区生产总值完成1609亿元,增长5.2%,创7年来最好水平。", year: 2024)
        XCTAssertEqual(summary(list), ["地区生产总值|level|1609|亿元", "地区生产总值|growth|5.2|%"])
        XCTAssertEqual(list.map(\.period), ["2023", "2023"])
    }

    func testParse_whenComparisonWordsStandBeforeGrowth_carriesTheSubject() throws {
        let list = try indicators("到位资金384.6亿元,按可比口径增长68.6%。")
        XCTAssertEqual(try only(list, "到位资金", .growth).value, "68.6")
    }

    func testParse_signsDecreases() throws {
        let list = try indicators("群众次均住院费用降低 21.4%。年末常住人口312.6万人,比上年末减少0.41万人。")
        XCTAssertEqual(try only(list, "住院费用", .growth).value, "-21.4")
        XCTAssertEqual(try only(list, "常住人口", .change).value, "-0.41")
    }

    func testParse_readsChangesInAmountsAndPoints() throws {
        let list = try indicators("各项存款余额比年初增加58.6亿元。城镇化率比上年末提高1.2个百分点。综合能耗下降0.5个百分点。")
        XCTAssertEqual(try only(list, "存款余额", .change).value, "58.6")
        let points = try only(list, "城镇化率", .change)
        XCTAssertEqual([points.value, points.unit], ["1.2", "百分点"])
        XCTAssertEqual(try only(list, "综合能耗", .change).value, "-0.5")
    }

    func testParse_whenVerbReachesALevel_readsLevelNotChange() throws {
        let list = try indicators("税收占比提高到76.2%。")
        XCTAssertEqual(summary(list), ["税收占比|share|76.2|%"])
    }

    func testParse_whenGrowthIsMultiple_readsGrowthInTimes() throws {
        let list = try indicators("外贸进出口总额增长2倍。")
        XCTAssertEqual(summary(list), ["外贸进出口总额|growth|2|倍"])
    }

    func testParse_readsSharesFromRatesAndProportions() throws {
        let list = try indicators("全市优良天数比例达92.4%,好Ⅲ类水体比例达60%,基本养老保险参保率95%。")
        XCTAssertEqual(list.map(\.kind), [.share, .share, .share])
        XCTAssertEqual(list[1].subject, "好III类水体比例")
    }

    func testParse_readsQualifiersAsWritten() throws {
        let text = """
            新增高新技术企业10家以上。地区生产总值增长5%左右。解决本地企业用工近5000人。举办文旅节事活动460余场。\
            市场主体突破30万户。接待游客1200多万人次。城镇调查失业率控制在5.5%以内。
            """
        let list = try indicators(text, year: 2024)
        XCTAssertEqual(list.map { $0.qualifier ?? "-" }, ["以上", "左右", "近", "余", "突破", "多", "以内"])
        XCTAssertEqual(list.map(\.value), ["10", "5", "5000", "460", "30", "1200", "5.5"])
    }

    func testParse_whenRespectivelyListHasUnitOnlyOnLast_givesEveryValueTheUnit() throws {
        let list = try indicators("第一、第二产业增加值占比分别提高0.9、5.9个百分点。")
        XCTAssertEqual(list.map(\.value), ["0.9", "5.9"])
        XCTAssertEqual(list.map(\.unit), ["百分点", "百分点"])
        XCTAssertEqual(list.map(\.kind), [.change, .change])
    }

    func testParse_whenRespectivelyListMixesDirections_signsEachValue() throws {
        let list = try indicators("蔬菜、水果产量分别增长5.0%和下降2.1%。")
        XCTAssertEqual(summary(list), ["蔬菜产量|growth|5.0|%", "水果产量|growth|-2.1|%"])
    }

    func testParse_whenSubjectIsChengXiang_splitsIntoUrbanAndRural() throws {
        let list = try indicators("城乡居民人均可支配收入分别增长5.2%和8.3%。")
        XCTAssertEqual(
            summary(list), ["城镇居民人均可支配收入|growth|5.2|%", "农村居民人均可支配收入|growth|8.3|%"])
    }

    func testParse_whenListPartsShareAMeasure_givesEachPartTheMeasure() throws {
        let list = try indicators("基本养老、基本医疗保险参保率分别达到93%和96.7%。")
        XCTAssertEqual(summary(list), ["基本养老保险参保率|share|93|%", "基本医疗保险参保率|share|96.7|%"])
        let ordinals = try indicators("第一、二、三产业增加值分别增长4.1%、5.6%和6.3%。")
        XCTAssertEqual(ordinals.map(\.subject), ["第一产业增加值", "第二产业增加值", "第三产业增加值"])
    }

    func testParse_whenListPartsCannotBeSplit_numbersTheItems() throws {
        let list = try indicators("全市玉米单产分别达到 2493 斤和 2367 斤。")
        XCTAssertEqual(list.map(\.item), [1, 2])
        XCTAssertEqual(list.map(\.value), ["2493", "2367"])
    }

    func testParse_whenEachAppliesToAList_givesOneValueForTheWholeSubject() throws {
        let list = try indicators("森林质量和草原巩固提升各150万亩。")
        XCTAssertEqual(summary(list), ["森林质量和草原巩固提升|level|150|万亩"])
    }

    func testParse_whenFigureStandsBeforeItsNoun_takesTheNounAfter() throws {
        let list = try indicators("新增基站2751个,60%的行政嘎查村实现5G网络覆盖,9个旗县市区实现出口全覆盖。")
        XCTAssertEqual(summary(list), ["新增基站|level|2751|个", "行政嘎查村|share|60|%", "旗县市区|level|9|个"])
    }

    func testParse_whenListIsSeparatedByDunHao_startsANewSubjectAfterEachFigure() throws {
        let list = try indicators("改造危房626户、户厕8419个,新改扩建中小学、幼儿园5所。")
        XCTAssertEqual(summary(list), ["改造危房|level|626|户", "户厕|level|8419|个", "新改扩建中小学、幼儿园|level|5|所"])
    }

    func testParse_whenThresholdDescribesANoun_readsOnlyTheCount() throws {
        let list = try indicators("实施亿元以上项目138个,签约引进1200万元以上项目68个。")
        XCTAssertEqual(list.map(\.value), ["138", "68"])
    }

    func testParse_whenNumbersAreNames_extractsNothing() throws {
        let text = """
            新建5G网络,C919大飞机,G5511高速通辽段,建设国道334线,省道310改造,12345热线,出台"1+10"政策,\
            举办"8·18"赛马节,第8次荣获,成立75周年,2024年,打造"15分钟健身圈",电话0475-8888888,X亿元,\
            版本1.2.3,前10名,90后人才,二十届二中全会,七项重点工作。
            """
        let list = try indicators(text)
        XCTAssertTrue(list.isEmpty, "\(summary(list))")
    }

    func testParse_whenMeasuredThingIsADuration_beforeANoun_skipsIt() throws {
        XCTAssertTrue(try indicators("建设15分钟健身圈和24小时自助图书馆。").isEmpty)
    }

    func testParse_compoundUnitsAndMagnitudes() throws {
        let list = try indicators("人均住房面积42.5平方米/人。全社会用电量168.6亿千瓦时。装机容量500万千瓦。全国GDP突破126万亿元。")
        XCTAssertEqual(list.map(\.unit), ["平方米/人", "亿千瓦时", "万千瓦", "万亿元"])
    }

    func testParse_whenSubItemsFollowQiZhong_readsTheirOwnSubjects() throws {
        let list = try indicators("全市地区生产总值1286.4亿元。其中,第一产业增加值152.3亿元,增长4.2%;第二产业增加值486.9亿元。")
        XCTAssertEqual(list.map(\.subject), ["地区生产总值", "第一产业增加值", "第一产业增加值", "第二产业增加值"])
    }
}

final class BulletinIdiomTests: XCTestCase {
    func testParse_stripsScopeAndLeadingVerbFromSubject() throws {
        let list = try indicators("全县实现地区生产总值156.8亿元。全市共有卫生机构326个。")
        XCTAssertEqual(list.map(\.subject), ["地区生产总值", "卫生机构"])
    }

    func testParse_whenAveragePrecedesValue_stripsTheWholePredicate() throws {
        let list = try indicators("城镇调查失业率平均为5.2%。")
        XCTAssertEqual(summary(list), ["城镇调查失业率|share|5.2|%"])
    }

    func testParse_whenClauseStartsWithComparisonBase_carriesTheSubject() throws {
        let list = try indicators("赤字规模4.06万亿元,比上年年初预算增加1800亿元。")
        XCTAssertEqual(summary(list), ["赤字规模|level|4.06|万亿元", "赤字规模|change|1800|亿元"])
    }

    func testParse_whenPlanSaysNi_readsTargetAndDropsTheVerb() throws {
        let list = try indicators("过去一年,经济回升向好。赤字率拟按3%安排。中央预算内投资拟安排7000亿元。", year: 2024)
        XCTAssertEqual(list.map(\.subject), ["赤字率", "中央预算内投资"])
        XCTAssertEqual(list.map(\.status), [.target, .target])
    }

    func testParse_netIncreaseIsAChange() throws {
        let list = try indicators("规模以上工业企业达到86户,比上年净增7户。")
        XCTAssertEqual(summary(list), ["规模以上工业企业|level|86|户", "规模以上工业企业|change|7|户"])
    }

    func testParse_whenValueIsWrittenNegative_keepsTheSign() throws {
        let list = try indicators("人口自然增长率为-1.48‰。油料产量比上年增长-3.5%。")
        XCTAssertEqual(summary(list), ["人口自然增长率|share|-1.48|‰", "油料产量|growth|-3.5|%"])
    }

    func testParse_dashBetweenNumbersIsNoSign() throws {
        let list = try indicators("咨询电话0475-8888888,增长5%-6%。")
        XCTAssertFalse(list.contains { $0.value.hasPrefix("-") }, "\(summary(list))")
    }

    func testParse_inPlanSection_comparisonWithLastYearStaysTarget() throws {
        let text = "2024年主要预期目标\n今年发展主要预期目标是:国内生产总值增长5%左右。\n拟安排地方政府专项债券3.9万亿元,比上年增加1000亿元。"
        let list = try indicators(text, year: 2024)
        XCTAssertEqual(Set(list.map(\.status)), [.target])
    }
}

final class RangeAndUnitTests: XCTestCase {
    func testParse_whenTargetIsARange_givesLowerValueAndUpper() throws {
        for text in ["地区生产总值增长5.5%—6%。", "地区生产总值增长5.5-6%。", "地区生产总值增长5.5%至6%。"] {
            let list = try indicators(text)
            XCTAssertEqual(list.count, 1, text)
            XCTAssertEqual(list.first?.value, "5.5", text)
            XCTAssertEqual(list.first?.upper, "6", text)
            XCTAssertEqual(list.first?.kind, .growth, text)
        }
    }

    func testParse_whenDashJoinsDigitsOfAName_readsNoRange() throws {
        XCTAssertTrue(try indicators("咨询电话0475-8888888。").isEmpty)
    }

    func testParse_readsConcentrationUnitsAfterALetteredName() throws {
        let list = try indicators("PM2.5平均浓度下降到30微克/立方米。")
        XCTAssertEqual(summary(list), ["PM2.5平均浓度|level|30|微克/立方米"])
    }

    func testParse_whenPlanWordIsPartOfAName_doesNotReadATarget() throws {
        let list = try indicators("过去一年,全省经济稳定。人均预期寿命达到79岁。", year: 2024)
        XCTAssertEqual(list.first?.status, .actual)
    }

    func testParse_whenShareIsOfABase_carriesTheSubject() throws {
        let list = try indicators("一般公共预算收入完成3856.2亿元,为预算的102.3%。")
        XCTAssertEqual(summary(list), ["一般公共预算收入|level|3856.2|亿元", "一般公共预算收入|share|102.3|%"])
    }

    func testParse_whenAgeBoundDescribesPeople_readsNoFigure() throws {
        XCTAssertTrue(try indicators("60岁以上老年人享受免费体检,3岁以下婴幼儿托位。").isEmpty)
    }
}

final class ProvincialIdiomTests: XCTestCase {
    func testParse_whenFigureCrossesAMilestone_keepsTheSubjectBeforeIt() throws {
        let list = try indicators("全省地区生产总值突破5万亿元大关、达到50012.9亿元,增长6.1%。")
        XCTAssertEqual(Set(list.map(\.subject)), ["地区生产总值"])
        XCTAssertEqual(list.first?.qualifier, "突破")
    }

    func testParse_whenComparedWithABase_carriesTheSubject() throws {
        let list = try indicators("规模以上工业增加值增长7.5%,高于全国2.9个百分点。")
        XCTAssertEqual(summary(list), ["规模以上工业增加值|growth|7.5|%", "规模以上工业增加值|change|2.9|百分点"])
    }

    func testParse_whenClauseOpensWithAStretchOfTime_carriesTheSubject() throws {
        let list = try indicators("粮食产量达到1377.6亿斤,连续9年稳定在1300亿斤以上。")
        XCTAssertEqual(list.map(\.subject), ["粮食产量", "粮食产量"])
    }
}

final class NationalBulletinIdiomTests: XCTestCase {
    func testParse_whenNetExportsDragGrowthDown_signsThePoints() throws {
        let list = try indicators("货物和服务净出口向下拉动国内生产总值0.6个百分点。")
        XCTAssertEqual(list.first?.value, "-0.6")
    }

    func testParse_whenShareFollowsItsWhole_namesTheShareAfterTheSubject() throws {
        let list = try indicators("全国就业人员74041万人,其中城镇就业人员47032万人,占全国就业人员比重为63.5%。")
        XCTAssertEqual(list.last?.subject, "城镇就业人员占全国就业人员比重")
    }

    func testParse_exchangeRateBaseIsNoFigureAndDepreciationIsAFall() throws {
        let list = try indicators("全年人民币平均汇率为1美元兑7.0467元人民币,比上年贬值4.5%。")
        XCTAssertFalse(list.contains { $0.value == "1" })
        XCTAssertEqual(list.last.map { "\($0.subject) \($0.kind.rawValue) \($0.value)" }, "人民币平均汇率 growth -4.5")
    }
}

final class EllipsisTests: XCTestCase {
    func testParse_whenMeasureNounStandsAlone_completesItFromTheClauseBefore() throws {
        let list = try indicators("全年新增市场主体2.3万户,总量达到15.6万户。")
        XCTAssertEqual(list.map(\.subject), ["新增市场主体", "市场主体总量"])
    }

    func testParse_whenParallelHeadLeavesOutTheMeasure_borrowsIt() throws {
        let list = try indicators("城镇居民人均可支配收入增长5.8%,农村居民增长7.9%。")
        XCTAssertEqual(list.map(\.subject), ["城镇居民人均可支配收入", "农村居民人均可支配收入"])
    }

    func testParse_whenParallelSubjectsAreWhole_leavesThemAlone() throws {
        let list = try indicators("轻工业增长5.2%,重工业增长9.3%。出口增长5%,进口下降3%。")
        XCTAssertEqual(list.map(\.subject), ["轻工业", "重工业", "出口", "进口"])
    }
}

final class CountyReportIdiomTests: XCTestCase {
    func testParse_sameBasisGrowthCarriesTheSubjectAndCompletionIsNoPartOfIt() throws {
        let list = try indicators("全县完成地区生产总值186.5亿元、增长6.3%;一般公共预算收入完成12.6亿元,同口径增长8.1%。")
        XCTAssertEqual(list.map(\.subject), ["地区生产总值", "地区生产总值", "一般公共预算收入", "一般公共预算收入"])
    }
}

final class PlanCountTests: XCTestCase {
    func testParse_whenAtLeastSoManyThingsAreCounted_readsTheCountWithItsBound() throws {
        let list = try indicators("推动10个以上项目开工建设。新签约200万元以上项目50个。")
        XCTAssertEqual(
            list.map { "\($0.subject) \($0.value)\($0.unit) \($0.qualifier ?? "-")" },
            ["项目 10个 以上", "新签约200万元以上项目 50个 -"])
    }
}

final class RatioTests: XCTestCase {
    func testParse_whenRatioFollowsItsNumerator_namesBoth() throws {
        let list = try indicators("全年研究与试验发展经费支出33278亿元,比上年增长8.1%,与国内生产总值之比为2.64%。")
        XCTAssertEqual(list.last?.subject, "研究与试验发展经费支出与国内生产总值之比")
        XCTAssertEqual(list.last?.kind, .share)
    }
}

/// Figures whose subject is named in another clause: 分别 lists, 由…到…, multiples, changes in points.
final class ClauseLinkTests: XCTestCase {
    func testParse_respectivelyAfterSeveralClauses_givesEachFigureToItsClause() throws {
        let list = try indicators("肉类总产量12.6万吨，禽蛋产量4.3万吨，分别增长3.4%和5.9%。", year: 2024)
        XCTAssertEqual(try only(list, "肉类总产量", .growth).value, "3.4")
        XCTAssertEqual(try only(list, "禽蛋产量", .growth).value, "5.9")
    }

    func testParse_respectivelyWithAShortenedHead_sharesTheRestOfTheLastPart() throws {
        let list = try indicators("城镇、农村居民人均可支配收入分别为41260元和21380元。工业、服务业增加值分别增长5%和6%。", year: 2024)
        XCTAssertEqual(
            summary(list),
            [
                "城镇居民人均可支配收入|level|41260|元", "农村居民人均可支配收入|level|21380|元", "工业增加值|growth|5|%",
                "服务业增加值|growth|6|%",
            ])
    }

    func testParse_fromOneFigureToAnother_keepsOnlyTheOneReached() throws {
        let list = try indicators(
            "过去五年，地区生产总值由286亿元增加到412亿元，年均增长6.8%。城镇化率从2019年的55.2%提高到63.5%。", year: 2024)
        XCTAssertEqual(summary(list), ["地区生产总值|level|412|亿元", "地区生产总值|growth|6.8|%", "城镇化率|share|63.5|%"])
    }

    func testParse_multipleOfLastYear_belongsToTheClauseSubject() throws {
        let list = try indicators("全年入境游客38.6万人次，是上年的2.4倍。", year: 2024)
        XCTAssertEqual(list.map(\.subject), ["入境游客", "入境游客"])
    }

    func testParse_aChangeInPointsAfterAShare_isTheShares() throws {
        let list = try indicators(
            "年末城镇常住人口3158万人，占常住人口比重为63.18%，比上年末提高0.54个百分点。", year: 2023)
        XCTAssertEqual(try only(list, "比重", .change).value, "0.54")
        XCTAssertEqual(list.filter { $0.kind == .change }.count, 1)
    }

    func testParse_aRateSaidAlone_isTheRateOfTheClauseBefore() throws {
        let list = try indicators("规模以上工业增加值同比增长6.8%，增速比上年同期加快1.2个百分点。", year: 2024)
        XCTAssertEqual(try only(list, "规模以上工业增加值增速", .change).value, "1.2")
    }

    func testParse_othersOfTheSameKind_takeTheMeasureOfTheClauseBefore_acrossSemicolons() throws {
        let list = try indicators(
            "分经济类型看，国有控股企业增加值增长5.0%；股份制企业增长5.3%，外商及港澳台投资企业增长1.4%。"
                + "其中高技术制造业增长17.6%，占规模以上工业增加值的比重为16.8%。", year: 2023)
        XCTAssertEqual(
            list.map(\.subject),
            [
                "国有控股企业增加值", "股份制企业增加值", "外商及港澳台投资企业增加值", "高技术制造业",
                "高技术制造业占规模以上工业增加值的比重",
            ])
    }
}
