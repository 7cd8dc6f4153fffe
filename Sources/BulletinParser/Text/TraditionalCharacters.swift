/// Traditional characters of bulletins and their simplified forms, so traditional mirror pages read
/// like the originals: 萬 億 增長 下降 以內 and the nouns of economic statistics.
///
/// Only one-to-one mappings are listed; characters whose simplified form depends on the word
/// (乾/幹 → 干, 發/髮 → 发 …) are left out, so nothing is ever converted wrongly.
enum TraditionalCharacters {
    static let simplified: [UInt32: Unicode.Scalar] = {
        let pairs =
            "萬万億亿長长產产總总額额區区縣县內内與与點点個个項项處处兩两噸吨畝亩戶户數数業业資资運运達达實实現现"
            + "鄉乡鎮镇計计劃划較较減减漲涨預预標标準准構构營营銷销貸贷儲储價价規规模模增增幅幅務务財财稅税費费"
            + "銀银險险養养醫医療疗護护衛卫學学師师來来義义災灾護护廠厂礦矿電电氣气車车鐵铁橋桥線线網网廣广場场"
            + "區区際际貿贸歲岁職职員员農农糧粮畜畜漁渔棉棉蔬蔬鋼钢煤煤進进歸归關关國国統统權权機机構构團团體体"
            + "會会環环類类達达圍围華华濟济場场問问題题質质導导專专應应傳传範范創创設设備备項项單单倉仓儉俭"
            + "亞亚發发節节達达結结紀纪級级約约億亿則则剛刚勞劳動动勵励務务勢势區区協协歷历壓压園园圖图報报"
            + "場场壞坏壽寿夢梦奮奋婦妇孫孙寧宁實实審审寫写對对尋寻導导層层屬属嶺岭幣币帶带幫帮庫库廳厅彈弹"
            + "徑径後后從从復复態态慶庆憂忧戰战擔担據据擴扩攜携敵敌斷断舊旧時时晉晋暫暂東东條条檢检樓楼樣样"
            + "歡欢歸归殘残殺杀氣气漢汉潔洁濕湿熱热爭争獎奖獲获環环產产畫画異异當当療疗盡尽監监盤盘確确"
            + "礎础禮礼稱称穩稳積积窮穷籌筹範范築筑糧粮紅红純纯紙纸紡纺組组細细終终絕绝給给統统絲丝經经綠绿"
            + "維维綜综緊紧線线練练縮缩績绩總总織织繼继續续罰罚聯联聲声肅肃脫脱腦脑與与艦舰藝艺莊庄藥药號号"
            + "補补裝装製制複复觀观規规視视親亲計计訂订記记設设許许訪访證证評评試试詳详認认誠诚調调談谈論论"
            + "諮咨謀谋證证議议護护讓让負负貨货貧贫責责貴贵買买費费資资賓宾賦赋質质購购贈赠趕赶跡迹軍军軟软"
            + "載载輕轻輸输轉转辦办農农這这連连週周進进遊游運运過过達达違违選选遺遗還还邊边鄉乡配配醫医針针"
            + "銷销鋪铺錄录錢钱錯错鍵键長长門门開开閒闲間间關关闡阐隊队陽阳陰阴陳陈險险隨随隱隐雙双雜杂離离"
            + "難难電电靈灵頂顶項项順顺須须領领頭头頻频題题額额風风飛飞養养館馆驗验體体點点齊齐齡龄龍龙"
        var table: [UInt32: Unicode.Scalar] = [:]
        let scalars = Array(pairs.unicodeScalars)
        var i = 0
        while i + 1 < scalars.count {
            if scalars[i] != scalars[i + 1] { table[scalars[i].value] = scalars[i + 1] }
            i += 2
        }
        return table
    }()
}
