"""Hand-written lexicons for the rules classifier (zh + en).

Everything here was written from domain knowledge of e-commerce reviews (Douyin / Taobao /
TikTok Shop seller work); nothing is extracted from the research data in ../shared/data, which
must never be copied into the project (see shared/data/README.md). When a list is extended, add
the word because a seller would recognise it as meaning that thing, not because it scored.

Conventions
- Chinese entries are matched as substrings inside one clause, longest match first, and a match
  is discarded when a negator ("不", "没有", "并不是很" …) directly precedes it. One-character
  sentiment words (好, 差, 慢 …) are only matched when jieba makes them a whole token, because as
  substrings they hide inside unrelated words (好多, 差不多, 慢慢).
- English entries are regular expressions matched on lower-cased text with word boundaries; a
  match is discarded when not/no/never/n't/without occurs in the three words before it.
- Weights are rough strengths: 1 = a hint, 2 = clear, 3 = decisive on its own.
"""

from __future__ import annotations

# --------------------------------------------------------------------------- negation & degree

# Words that flip or cancel what follows them in the same clause.
ZH_NEGATORS = (
    "并没有", "并不是", "从来没", "从来不", "一点也不", "一点都不", "根本没", "并不", "并非", "从未",
    "从不", "从没", "毫无", "绝不", "没有", "不是", "不太", "不算", "不怎么", "不会", "不用", "无需",
    "没啥", "没什么", "不", "没", "无", "未", "别", "非",
)
# Degree adverbs that may sit between a negator and the word ("不是很差", "没有太慢").
ZH_DEGREE_STRONG = ("非常", "特别", "十分", "极其", "超级", "相当", "实在", "真是", "真的", "太", "很", "超", "极", "最", "巨", "贼", "好")
ZH_DEGREE_WEAK = ("有点儿", "有点", "有些", "稍微", "略微", "略", "稍", "比较", "还算", "还")
ZH_DEGREE = ZH_DEGREE_STRONG + ZH_DEGREE_WEAK

EN_NEGATORS = ("not", "no", "never", "without", "hardly", "barely", "nothing", "none", "nor", "isn't", "wasn't",
               "aren't", "don't", "doesn't", "didn't", "won't", "can't", "cannot", "couldn't", "haven't", "hasn't")

# Clause openers that shift the emphasis to what follows ("东西不错，就是物流太慢").
ZH_CONTRAST = ("但是", "可是", "不过", "但", "可惜", "就是", "只是", "然而", "唯一")
EN_CONTRAST = ("but", "however", "although", "though", "unfortunately", "except")

# --------------------------------------------------------------------------- sentiment (zh)

# Multi-character positive expressions. Weight ~ strength.
ZH_POS = {
    "不错": 1.5, "很好": 2, "挺好": 1.5, "好用": 1.5, "好吃": 1.5, "好看": 1.5, "好喝": 1.5, "好穿": 1.5,
    "满意": 2, "喜欢": 1.5, "推荐": 1.5, "值得": 1.5, "划算": 1.5, "实惠": 1.5, "超值": 2, "物美价廉": 2,
    "性价比高": 2, "漂亮": 1.5, "精致": 1.5, "舒服": 1.5, "舒适": 1.5, "柔软": 1, "新鲜": 1.5, "香甜": 1.5,
    "清甜": 1.5, "甜": 0.7, "脆": 0.5, "好评": 2, "五星": 2, "5星": 2, "给力": 2, "完美": 2, "棒": 2, "赞": 2,
    "点赞": 2, "优秀": 2, "流畅": 1.5, "清晰": 1.5, "稳定": 1, "耐用": 1.5, "结实": 1.5, "正品": 1.5,
    "货真价实": 2, "很快": 1, "挺快": 1, "神速": 2, "及时": 1, "速度快": 1.5, "送货快": 1.5, "发货快": 1.5,
    "物流快": 1.5, "到货快": 1.5, "热情": 1.5, "耐心": 1.5, "周到": 1.5, "贴心": 1.5, "专业": 1, "负责": 1,
    "方便": 1, "实用": 1.5, "好听": 1.5, "精彩": 1.5, "感人": 1.5, "经典": 1.5, "有用": 1.5, "受益": 1.5,
    "值得一读": 2, "值得一看": 2, "爱不释手": 2, "放心": 1.5, "信赖": 1.5, "靠谱": 1.5, "惊喜": 1.5,
    "合适": 1, "合身": 1.5, "大方": 1, "时尚": 1, "美观": 1.5, "轻薄": 1, "小巧": 1, "大气": 1, "省电": 1,
    "安静": 1, "静音": 1, "还行": 0.6, "还可以": 0.6, "可以的": 1, "满分": 2, "完好": 1, "无损": 1,
    "好书": 2, "好东西": 2, "好货": 2, "好评如潮": 2, "最好用": 2.5, "合算": 1.5, "没话说": 2, "准时": 1.5, "完整": 1, "美好": 1.5, "才华": 1.5, "贴切": 1, "可以接受": 1, "好在": 0.5, "值得购买": 2, "喜欢的": 1, "值得表扬": 2, "表扬": 1.5, "庆幸": 1, "挺不错": 2, "很不错": 2.5, "蛮好": 1.5, "满足": 1, "足矣": 1.5, "甚佳": 2, "佳": 1.5, "回购": 1.5, "还会再来": 2, "会再来": 1.5, "下次还": 1.5,
    "继续支持": 2, "支持": 1, "感谢": 1, "谢谢": 1, "开心": 1.5, "高兴": 1.5, "愉快": 1.5, "好极了": 2, "太好了": 2, "太棒了": 2.5, "真好": 2, "真棒": 2.5,
    "很棒": 2, "不愧": 1.5, "物超所值": 2, "便宜": 0.8, "优惠": 0.8, "清楚": 1, "细腻": 1.5, "顺滑": 1.5,
    "柔顺": 1.5, "去屑": 1, "止痒": 1, "清爽": 1.5, "好闻": 1.5, "上档次": 1.5, "档次高": 1.5, "质量好": 2,
    "质量不错": 2, "做工好": 2, "做工不错": 2, "做工精细": 2, "很值": 2, "值了": 2, "好好": 1, "ok": 1,
    "good": 1.5, "great": 2, "nice": 1.5, "很舒服": 2, "很满意": 2.5, "非常满意": 3, "很喜欢": 2, "相符": 1.5,
    "一致": 1, "一样": 0.3, "耐看": 1.5, "绝对正品": 2, "快递给力": 2, "服务好": 2, "态度好": 2, "很耐心": 2,
    "好": 1.0, "快": 0.8, "强": 0.8, "爽": 1, "美": 1, "酷": 1, "值": 0.8, "香": 0.8, "行": 0.3,
}

# Multi-character negative expressions.
ZH_NEG = {
    "不好": 2, "不行": 2, "不满意": 2.5, "不喜欢": 2, "不值": 2, "不推荐": 2, "不划算": 2, "不好用": 2,
    "不好吃": 2, "不好看": 2, "不新鲜": 2, "不舒服": 2, "不合适": 1.5, "不清楚": 1, "不清晰": 1.5,
    "不稳定": 1.5, "不耐用": 2, "不靠谱": 2, "不怎么样": 2, "不咋地": 2, "不咋样": 2, "不给力": 2,
    "不灵敏": 1.5, "不能用": 2.5, "不能": 0.8, "不会再买": 3, "不会再来": 3, "再也不": 2.5, "不再买": 3,
    "不敢买": 2, "不要买": 3, "别买": 3, "慎买": 3, "慎重": 1.5, "后悔": 2.5, "失望": 2.5, "郁闷": 2,
    "上当": 2.5, "受骗": 2.5, "骗人": 2.5, "骗子": 2.5, "欺骗": 2.5, "坑人": 2.5, "坑爹": 2.5, "太坑": 2.5,
    "垃圾": 3, "差劲": 2.5, "很差": 2.5, "太差": 3, "极差": 3, "超差": 3, "真差": 2.5, "好差": 2.5,
    "最差": 3, "差评": 2.5, "一般般": 1.5, "一般": 1.0, "凑合": 1, "勉强": 1, "无语": 2, "晕": 1.5,
    "崩溃": 2, "气人": 2, "恶心": 2.5, "糟糕": 2.5, "糟透": 3, "烂": 2, "破": 1.2, "坏了": 2, "坏的": 2,
    "损坏": 2, "破损": 2, "碎了": 2, "裂": 1.5, "漏": 1.5, "掉色": 2, "褪色": 2, "起球": 2, "开线": 2,
    "脱线": 2, "异味": 2, "味道大": 2, "臭": 2, "刺鼻": 2, "难闻": 2, "难吃": 2.5, "难看": 2, "难用": 2.5,
    "难受": 2, "麻烦": 1.5, "费劲": 1.5, "费事": 1.5, "慢": 1.0, "太慢": 2, "很慢": 2, "好慢": 2,
    "超慢": 2.5, "死机": 2.5, "卡顿": 2, "很卡": 2, "发烫": 1.5, "发热": 1, "耗电": 1.5, "黑屏": 2, "重启": 1.5,
    "闪退": 2, "故障": 2, "毛病": 1.5, "问题": 1.0, "缺陷": 2, "瑕疵": 1.5, "次品": 2.5, "假货": 3,
    "假的": 2.5, "山寨": 2.5, "翻新": 2.5, "二手": 1.5, "水货": 2.5, "盗版": 2.5, "残次": 2.5, "劣质": 3,
    "粗糙": 2, "做工差": 2.5, "质量差": 3, "质量太差": 3, "质量不好": 3, "质量一般": 2, "太贵": 2, "偏贵": 1.5,
    "贵了": 1.5, "降价": 1.5, "不值这个价": 2.5, "浪费": 2, "白花": 2, "冤枉钱": 2.5, "没用": 2, "无用": 2,
    "没意思": 2, "无聊": 2, "乏味": 2, "肤浅": 2, "空洞": 2, "废话": 2, "胡扯": 2.5, "扯淡": 2.5,
    "失败": 2, "遗憾": 1.5, "可惜": 1, "缺点": 1, "不足": 1, "偏小": 1.5, "偏大": 1.5, "太小": 1.5, "太大": 1,
    "太紧": 1.5, "太松": 1.5, "发霉": 3, "霉": 2, "腐烂": 3, "烂了": 2.5, "变质": 3, "过期": 2.5, "酸": 0.5,
    "苦": 0.8, "涩": 1, "软": 0.3, "干巴": 1.5, "头屑": 1.5, "头皮屑": 1.5, "痒": 1.5, "过敏": 2, "掉发": 2,
    "脱发": 2, "伤发": 2, "干枯": 1.5, "毛躁": 1.5, "噪音": 1.5, "噪声": 1.5, "吵": 1.5, "漏水": 2.5,
    "漏电": 3, "不热": 2, "不出水": 2.5, "退货": 1.5, "退款": 1.2, "投诉": 2.5, "态度差": 3, "态度恶劣": 3,
    "敷衍": 2.5, "不理人": 2.5, "不回复": 2, "没人理": 2.5, "推脱": 2.5, "踢皮球": 2.5, "爱理不理": 2.5,
    "呵呵": 1.0, "坑": 1.5, "差": 2.0, "烂透": 3, "渣": 2, "弱": 1, "累": 0.5, "怪": 0.8, "贵": 1.2,
    "脏": 2, "旧": 1.5, "薄": 0.8, "硬": 0.6, "小气": 1.5, "太少": 1.5, "少得可怜": 2.5, "不够": 1,
    "缺斤少两": 3, "少发": 2.5, "漏发": 2.5, "发错": 2.5, "错发": 2.5, "不符": 2.5, "不一致": 2, "不一样": 1.2,
    "色差": 2, "不是正品": 3, "不正宗": 2, "假冒": 3, "仿冒": 3, "盗用": 2, "不及": 1, "还不如": 1.5,
    "不如": 1.2, "不值得": 2.5, "不实用": 2, "鸡肋": 2, "心塞": 2, "生气": 2, "愤怒": 2.5, "怒": 1.5,
    "无法": 1.2, "不了": 0.8, "不上": 0.6, "不进": 0.8, "不出": 0.8, "不开": 0.8, "不动": 0.8, "不亮": 1.5,
    "不准": 1.5, "不灵": 1.5, "不足为": 0, "不起作用": 2, "没效果": 2.5, "没作用": 2, "没反应": 2, "没声音": 2,
    "没收到": 2.5, "未收到": 2.5, "不像": 1, "还没到": 2, "没到": 1.5, "没发货": 2.5, "迟迟": 1.5, "拖": 0.8,
    "催": 1.2, "以后不": 2, "下次不": 2.5, "再也不会": 3, "不会买": 2, "不买了": 2.5, "不敢": 1.5, "千万别": 3,
    "千万不要": 3, "大家不要": 3, "欺诈": 3, "忽悠": 2.5, "吹": 0.8, "虚假": 3, "夸大": 2, "缩水": 2,
    "不给退": 3, "不退": 2, "拒绝": 1.5, "不处理": 2.5, "没解决": 2, "不解决": 2.5, "解决不了": 2,
    "bad": 2, "poor": 2, "terrible": 3, "worst": 3, "垃圾货": 3, "质量问题": 2, "不太好": 2, "太失望": 3,
    "不爽": 2, "不方便": 1.5, "不习惯": 1, "不适合": 1.2, "不理想": 1.5, "不满": 2, "不高": 0.6, "不多": 0.3,
    "没法": 1.5, "没办法": 1, "不值钱": 2, "纠结": 1, "悲剧": 2, "杯具": 2, "伤心": 2, "心痛": 2, "心疼": 1.5,
    "不感兴趣": 2, "莫名其妙": 1.5, "心酸": 1.5, "仓促": 1.5, "小": 0.5, "松": 0.6,
    # Negative weights here are negated complaints that read as mild praise ("不慢", "不贵").
    "低": 0.8, "醉了": 1.5, "吐槽": 1.5, "受不了": 2.5, "有待提高": 1.5, "有待改进": 1.5, "一星": 1.5, "不想给": 2,
    "降": 1.2, "裂纹": 2, "涨价": 1.5, "卡死": 2.5, "不灵活": 1.5, "太硬": 1.5, "没见到": 1.5, "害人": 2.5, "坑钱": 2.5,
    "再也": 1.0, "不给力": 2, "不对": 1.5, "错了": 1.5, "延迟": 1.2, "泄露": 1.5, "不敢用": 2.5, "凑合着": 1.5,
    "太对不起": 2, "无奈": 1.5, "唉": 1.5, "哎": 1.0, "可怜": 1.5, "心寒": 2.5, "寒心": 2.5, "不信": 1.5,
    "卡的": 2, "卡得": 2, "太短": 1.5, "短": 0.5, "丑": 2, "丑陋": 2.5, "廉价": 1.5, "受罪": 2.5, "为零": 2,
    "被骗": 3, "欺人": 2.5, "说瞎话": 2.5, "自动关机": 2, "沾毛": 2, "地摊货": 2.5, "烫": 1.2, "不转": 1.5,
    "掉漆": 2, "磨损": 1.5, "变色": 1.5, "腿色": 2, "不平": 1.2, "没整平": 1.5, "干涩": 1.5, "好干": 1.5, "太干": 1.5,
    "不舍得": 0, "大不了": 0, "不差": -1, "不慢": -0.6, "不贵": -1, "不坏": -0.8, "不难": -0.6, "不亏": -1.5, "不得不": 0.8, "凑数": 2, "敷衍了事": 3, "瞎": 1, "乱": 1, "差强人意": 1.5,
}

# Multi-character expressions that contain a sentiment character but are neutral (they claim the
# span so that "好" in 好像 or "差" in 差不多 is not counted).
ZH_NEUTRAL = (
    "好像", "好多", "好几", "只好", "好久", "正好", "刚好", "好些", "好让", "好了", "最好", "好奇",
    "差不多", "相差", "差价", "差额", "出差", "慢慢", "慢用", "不好意思", "不管", "不过", "不但", "不仅",
    "不久", "不断", "不同", "不少", "不然", "要不", "不知", "不一定", "一般来说", "一般都",
    "一般是", "不一会", "没想到", "问题不大", "没问题", "没有问题", "无问题", "破费", "烂漫", "快乐",
    "快递", "快点", "尽快", "赶快", "快要", "很快就", "好评返现", "有问题", "问题是", "可好", "还好",
    "好不好", "行不行", "行业", "银行", "进行", "发行", "流行", "旅行", "执行", "运行", "行为", "强调",
    "强制", "勉强", "美国", "美元", "美的", "值班", "数值", "价值", "值得注意", "香港", "香蕉", "香味",
)
# 还好 = "it's fine"/"luckily": mildly positive, handled as neutral so that "还好里面没坏" is not
# read as praise of the shop.

# Strong complaint phrases that make a review negative even when the rating is high.
ZH_STRONG_NEG = ("不会再买", "再也不", "千万别", "千万不要", "别买", "差评", "垃圾", "假货", "骗子", "太差", "最差", "后悔")

# --------------------------------------------------------------------------- sentiment (en)

EN_POS = {
    r"good": 1.5, r"great": 2, r"excellent": 2.5, r"love[sd]?": 2, r"like[sd]?": 1, r"nice": 1.5,
    r"perfect(ly)?": 2, r"awesome": 2, r"amazing": 2, r"happy": 1.5, r"satisfied": 2, r"recommend(ed)?": 1.5,
    r"works? (great|well|fine|perfectly)": 2, r"worth (it|every penny)": 2, r"fast (shipping|delivery)": 1.5,
    r"well made": 2, r"sturdy": 1.5, r"beautiful": 1.5, r"comfortable": 1.5, r"fantastic": 2, r"best": 1.5,
    r"reliable": 1.5, r"easy to (use|clean)": 1.5, r"impressed": 1.5, r"pleased": 1.5, r"wonderful": 2,
    r"five stars?|5 stars?": 2, r"thank(s| you)": 1, r"helpful": 1.5, r"fine": 0.5, r"solid": 1,
    r"quick(ly)?": 0.8, r"bargain": 1.5, r"works?": 0.3, r"better": 0.6, r"well": 0.3, r"highly": 1, r"favorite": 1.5,
    r"exactly what i (wanted|needed)": 2.5, r"no (problems?|issues?|complaints?)": 2, r"great (product|value|price|deal)": 2.5,
}
EN_NEG = {
    r"bad": 2, r"poor(ly)?": 2, r"terrible": 3, r"horrible": 3, r"awful": 3, r"worst": 3, r"junk": 3,
    r"garbage": 3, r"crap(py)?": 3, r"useless": 3, r"waste( of (money|time))?": 2.5, r"disappoint(ed|ing|ment)?": 2.5,
    r"broke(n)?": 2.5, r"defective": 3, r"cheap(ly)? made": 2.5, r"flimsy": 2.5, r"return(ed|ing)?": 1.2,
    r"refund": 1.5, r"(doesn't|does not|didn't|did not|won't|will not|wouldn't) work": 3,
    r"stopped working|quit working|stop working": 3, r"don't buy|do not buy|avoid": 3, r"problems?": 1,
    r"issues?": 1, r"fail(ed|s|ure)?": 2, r"leak(s|ed|ing)?": 2, r"slow": 1.5, r"rude": 2.5, r"unhelpful": 2.5,
    r"overpriced": 2.5, r"rip[- ]?off": 3, r"scam": 3, r"fake": 2.5, r"counterfeit": 3, r"wrong": 1.5,
    r"not (happy|satisfied|worth|recommend|good|great)": 2.5, r"unfortunately": 1, r"hate": 2.5,
    r"annoying": 2, r"frustrat(ed|ing|ion)": 2, r"sucks?": 3, r"mediocre": 2, r"regret": 2.5, r"lousy": 3,
    r"pathetic": 3, r"unusable": 3, r"damaged": 2.5, r"cracked?": 2, r"dead": 2, r"died": 2.5, r"noisy": 2,
    r"never (arrived|came|received)": 3, r"1 star|one star": 2.5, r"stay away": 3, r"beware": 2.5,
    r"misleading": 2.5, r"unreliable": 2.5, r"worthless": 3, r"doesn't|does not": 0.5, r"can't|cannot": 0.5,
    r"hard to": 1, r"unable to": 2, r"(can't|cannot|wouldn't|would not|do not|don't) recommend": 3,
    r"recommend (not|against)": 3, r"trash": 3, r"not worth": 2.5, r"returned (it|them|the)": 2.5, r"used to be": 1.5,
    r"no longer": 1.5, r"should have": 1.5, r"wish(ed)? (i|it)": 1.5, r"instead": 0.8, r"crooked|wobbly|flimsy": 2,
    r"non[- ]?functional": 2.5, r"stopped": 1.5, r"too (small|big|thin|short|loud|slow|hot)": 1.5, r"lesson learned": 2.5,
    r"buyer beware": 3, r"save your money": 3, r"(very|extremely|really) (poor|bad)": 1, r"complain(ed|t|ts)?": 1.5,
    r"frustrating|frustration": 2, r"nightmare": 3, r"problem": 1,
    r"(don't|do not) waste": 3, r"errors?": 1.5, r"rough": 1.5, r"uncomfortable|awkward|ackward": 2, r"difficult": 1.5,
    r"can't figure( out)?|couldn't figure( out)?": 2.5, r"worse": 2, r"over ?priced": 2.5, r"mold|moldy|mildew|slime": 2.5,
    r"coasters": 2, r"drains?|drained": 1, r"cheap": 1, r"you get what you pay(ed)? for": 2.5, r"doesn't seem|didn't seem": 1.5,
    r"stains?|stained": 1, r"smells?|stinks?": 1.5, r"sticks?|stuck": 1.2, r"rusts?|rusted|rusty": 2.5, r"chipp?(ed|ing|s)": 2,
    r"hassle": 2, r"gave up": 2, r"give up": 1.5, r"(very |so )?disappointed": 2.5, r"beware|be aware": 1.5, r"warning": 1.5,
    r"not (very|that|too|as) (good|great|well|useful|easy|sturdy)": 2.5, r"poorly": 2.5, r"ruined": 3, r"melted": 2.5,
    r"burn(ed|t|s)?": 1.5, r"junky": 3, r"shoddy": 3, r"subpar|sub-par|inferior": 2.5, r"overheats?": 2, r"defect": 2.5,
}

# --------------------------------------------------------------------------- complaint cues (zh)
# Two kinds per complaint type:
#  - "cue": a phrase that is a complaint by itself (压坏, 发错货, 降价了).
#  - "aspect": a topic word that is a complaint only inside a negative clause (物流 in "物流太慢").

ZH_CUES: dict[str, dict[str, float]] = {
    "logistics": {
        "送货员": 1.5, "配送员": 1.5, "隔了一天": 2.5, "晚到": 2.5, "迟到": 2, "没按时": 3, "不按时": 3, "延误": 3,
        "物流信息不更新": 3, "没更新": 2, "不上楼": 3, "放门口": 2, "扔门口": 3, "快递柜": 1.5, "驿站": 1.5, "催了": 1.5,
        "没收到": 3, "一直没收到": 3.5, "包裹丢": 3, "物流慢": 3, "物流太慢": 3, "快递慢": 3, "快递太慢": 3, "送货慢": 3, "发货慢": 3, "发货太慢": 3,
        "到货慢": 3, "送货太慢": 3, "配送慢": 3, "迟迟不发货": 3, "迟迟没发货": 3, "还没发货": 3, "不发货": 3,
        "没发货": 2.5, "晚了一天给发": 3, "几天才到": 3, "天才到": 2.5, "天才收到": 2.5, "天才发货": 3,
        "还没到": 2.5, "一直没到": 3, "没送到": 3, "送不到": 2, "不送货": 3, "不送上门": 3, "不给送": 3,
        "自己去拿": 2.5, "自己去取": 2.5, "出去拿": 2.5, "自提": 1.5, "送货上门": 1.0, "压坏": 3, "压扁": 3,
        "压烂": 3, "压碎": 3, "摔坏": 3, "碰伤": 3, "磕碰": 2.5, "磕伤": 2.5, "运输": 1.5, "包装破": 3,
        "包装破损": 3, "外包装破": 3, "包装太差": 3, "包装差": 3, "包装简陋": 3, "包装太简单": 3,
        "泡沫箱": 1, "漏出来": 1.5, "洒了": 2, "丢件": 3, "快递员": 1.5, "快递小哥": 1.0, "派送": 1.5,
        "物流信息": 2, "单号": 1, "快递公司": 1.5, "送错": 3, "签收": 1.0, "被签收": 2.5, "物流态度": 3,
    },
    "service_attitude": {
        "客服回复": 2, "客服说": 1.5, "问客服": 1.5, "找客服": 1.5, "态度冷淡": 3, "不搭理": 3, "没人接": 3,
        "挂电话": 3, "推给": 2, "让我找": 2, "答非所问": 3, "一问三不知": 3, "不专业": 2.5,
        "服务态度": 2.5, "态度差": 3, "态度不好": 3, "态度恶劣": 3, "态度很差": 3, "态度极差": 3, "态度太差": 3,
        "客服态度": 3, "客服不理": 3, "客服不回": 3, "不回复": 2, "没人回": 3, "没人理": 3, "不理人": 3,
        "爱理不理": 3, "敷衍": 2.5, "糊弄": 2.5, "推脱": 2.5, "踢皮球": 3, "推卸": 2.5, "打不通": 2.5,
        "联系不上": 2.5, "找不到人": 2, "回复慢": 3, "回复很慢": 3, "机器人": 1.5, "自动回复": 2, "服务差": 3,
        "服务太差": 3, "服务不好": 3, "服务很差": 3, "不耐烦": 3, "骂人": 2, "凶": 1.5, "客服": 1.0,
    },
    "description_mismatch": {
        "与实物": 2.5, "假冒伪劣": 3.5, "是假的": 3, "非正品": 3.5, "仿品": 3.5, "a货": 3.5, "高仿": 3.5,
        "不是新的": 3, "旧货": 3, "使用痕迹": 3, "被人用过": 3.5, "拆封过": 3, "二次销售": 3.5, "只有一件": 2.5,
        "只发了": 2.5, "明明写": 2.5, "明明是": 2, "标注": 1.5, "跟描述": 2.5, "和描述": 2.5, "与描述": 2.5,
        "不是红心": 3, "是白心": 3, "缺了": 2, "少了": 1.5,
        "假货": 3.5, "假的": 2.5, "不是正品": 3.5, "不像正版": 3.5, "不象正版": 3.5, "不像正品": 3.5, "不象正品": 3.5,
        "盗版": 3.5, "山寨": 3, "翻新机": 3.5, "翻新": 3, "二手": 2.5, "用过的": 2.5, "水货": 3, "仿冒": 3,
        "假冒": 3.5, "不是原装": 3, "是不是原装": 3, "原装的吗": 3, "冒牌": 3, "怀疑": 1.5, "与描述不符": 3.5,
        "和描述不符": 3.5, "描述不符": 3.5, "与图片不符": 3.5, "和图片不符": 3.5, "图片不符": 3.5, "跟图片": 2,
        "和图片": 2, "与图片": 2, "图片上": 1.5, "和图上": 2, "跟图上": 2, "实物与": 2, "实物和": 2, "色差": 3,
        "不一样": 1.0, "不一致": 1.5, "不符": 2.5, "发错": 3.5, "错发": 3.5, "发成": 2.5, "少发": 3.5,
        "漏发": 3.5, "少了一": 2, "缺斤少两": 3.5, "不足": 0.5, "净重": 2.5, "净重不到": 4, "不见了": 3, "斤": 0.3, "货不对板": 3.5,
        "宣传": 1.0, "虚假宣传": 4, "号称": 2.5, "说是": 1, "写的是": 2, "标的是": 2.5, "标称": 2.5,
        "描述": 1.5, "欺诈": 4, "骗人": 1.2, "不是加绒": 3, "没有收到这": 2.5, "就没有这一本": 3, "就没有这": 2.5,
        "配件不全": 3, "配件不齐": 3, "缺配件": 3, "不是我买的": 3, "不是我要的": 3, "不是我订的": 3,
        "扫描不出": 2.5, "条码": 1.5, "防伪": 2.5, "码不对": 2, "型号不对": 3, "颜色不对": 3, "虚标": 3.5,
    },
    "after_sales": {
        "退货难": 3.5, "换货难": 3.5, "不予退": 3.5, "要求退": 2, "申请退": 2, "不能退": 3, "维修站": 2.5,
        "售后电话": 2.5, "保修卡": 2.5, "延保": 2, "没人处理": 3, "退款慢": 3.5, "还没退": 3.5, "没退": 2.5,
        "到账": 2, "拒收": 1.5, "安装": 0.8,
        "售后": 2, "售后差": 3, "售后太差": 3, "售后服务": 2, "退货": 2, "退款": 2, "换货": 2.5, "退换": 2.5,
        "不给退": 3.5, "不给换": 3.5, "不让退": 3.5, "不能退": 3, "拒绝退": 3.5, "退不了": 3.5, "换不了": 3.5,
        "给退的": 3, "答应": 1.5, "保修": 2.5, "换机": 2.5, "承诺": 1.5, "原机返回": 3, "维修": 2, "返修": 2.5, "修了": 1.5, "三包": 2.5, "发票": 1.5,
        "没有发票": 3, "没发票": 3, "不给发票": 3.5, "开发票": 2.5, "补偿": 1.5, "赔偿": 1.5, "退差价": 2,
        "找不到售后": 3.5, "说理": 1.5, "等十天": 2, "寄回": 1.5, "七天无理由": 3, "7天无理由": 3, "退邮费": 1.5,
        "运费险": 2, "维权": 1.5, "安装费": 0.5,
    },
    "price": {
        "价格贵": 3, "更便宜": 3, "便宜了一": 3, "降到": 3, "不值这么多": 3.5, "不值这钱": 3.5, "买亏了": 3.5,
        "亏了": 2, "吃亏": 2.5, "坑钱": 2, "溢价": 3, "贵得": 3, "贵的": 2, "价格虚高": 3.5, "邮费贵": 3,
        "运费贵": 3, "秒杀价": 2, "价保": 3, "一半的价格": 3, "半价": 2,
        "降价": 3, "降了": 2.5, "便宜了": 2.5, "差价": 3, "价保": 3, "保价": 3, "价格变动": 3, "买贵了": 3.5,
        "太贵": 3, "偏贵": 3, "贵了": 2.5, "比别人贵": 3.5, "比别家贵": 3.5, "比外面贵": 3.5, "比实体店贵": 3.5,
        "不值这个价": 3.5, "不值这价": 3.5, "这个价": 2.5, "这价钱": 2.5, "这价格": 2.5, "价格不": 2, "价格太高": 3,
        "价格偏高": 3, "价格高": 2.5, "划不来": 2.5, "不划算": 2.5, "性价比低": 3, "性价比不高": 3, "性价比太低": 3,
        "多花": 2.5, "赠品呢": 3, "赠品没": 3, "没有赠品": 3, "没送赠品": 3, "说好的赠品": 3.5, "优惠券": 2,
        "不给优惠": 3, "安装费": 2.5, "材料费": 3, "人工费": 2.5, "收费": 1.5, "贵": 1.2,
    },
}

# Topic words: count for the type only in a clause that is negative overall.
ZH_ASPECTS: dict[str, tuple[str, ...]] = {
    "logistics": ("物流", "包裹", "快递", "送货", "发货", "配送", "到货", "包装", "外包装", "邮寄", "顺丰", "圆通", "申通", "中通", "韵达", "EMS", "邮政"),
    "service_attitude": ("客服", "服务", "态度", "店家", "卖家", "商家", "掌柜", "安装人员", "师傅", "工作人员"),
    "after_sales": ("售后", "退货", "退款", "换货", "维修", "保修", "发票"),
    "price": ("价格", "价钱", "价位", "性价比", "原价", "售价"),
    "description_mismatch": ("图片", "描述", "宣传", "实物", "正品", "原装", "官网"),
    "product_quality": (
        "质量", "品质", "做工", "材质", "材料", "面料", "布料", "用料", "效果", "性能", "功能", "设计", "外观",
        "屏幕", "屏", "电池", "续航", "充电", "信号", "声音", "音质", "音量", "喇叭", "耳机", "摄像头", "像素",
        "拍照", "系统", "软件", "驱动", "键盘", "触摸", "散热", "风扇", "内存", "硬盘", "显卡", "光驱", "接口",
        "机器", "机子", "手机", "电脑", "本本", "笔记本", "平板", "书", "内容", "故事", "作者", "翻译", "纸张",
        "纸质", "印刷", "字", "装订", "插图", "味道", "口感", "口味", "水果", "苹果", "橙子", "果子", "个头",
        "洗发水", "头发", "头皮", "香味", "气味", "泡沫", "衣服", "裤子", "裙子", "衣", "鞋", "尺码", "码",
        "颜色", "线头", "袖子", "领子", "热水器", "加热", "温度", "水温", "出水", "水压",
        # 东西/产品/商品/宝贝 are deliberately absent: "东西太垃圾" names no aspect (LABELING rule 3).
    ),
}

# Concrete product symptoms: a negative review containing one of these names an aspect, so it is
# never "unfounded" (LABELING rule 3) and defaults to product_quality.
ZH_PQ_SYMPTOMS: dict[str, float] = {
    "质量差": 3, "质量不好": 3, "质量太差": 3, "质量很差": 3, "质量一般": 2.5, "质量不行": 3, "质量问题": 3,
    "做工差": 3, "做工粗糙": 3, "粗糙": 2, "坏了": 2.5, "坏掉": 2.5, "坏的": 2.5, "烂的": 2.5, "烂了": 2.5,
    "不能用": 2.5, "用不了": 2.5, "死机": 3, "重启": 2, "黑屏": 3, "白屏": 3, "花屏": 3, "闪退": 3, "卡顿": 3,
    "很卡": 2.5, "太卡": 2.5, "发烫": 2.5, "发热": 2, "耗电": 2.5, "充不进": 3, "充不满": 3, "充电慢": 2.5,
    "待机": 1.5, "信号差": 3, "信号不好": 3, "声音小": 2.5, "声音太小": 2.5, "杂音": 2.5, "噪音": 2.5,
    "噪声": 2.5, "断页": 3, "缺页": 3, "掉页": 3, "错别字": 2.5, "印刷": 1.5, "散架": 3, "掉色": 3, "褪色": 3,
    "起球": 3, "开线": 3, "脱线": 3, "线头": 2, "缩水": 2, "变形": 2.5, "异味": 2.5, "味道大": 2.5, "气味大": 2.5,
    "气味太大": 2.5, "臭": 2, "刺鼻": 2.5, "难吃": 3, "不好吃": 3, "不新鲜": 3, "不甜": 2.5, "太酸": 2.5,
    "又酸": 2.5, "苦": 1.5, "发霉": 3, "腐烂": 3, "变质": 3, "过期": 2.5, "太小": 2, "好小": 2, "个头小": 2.5,
    "个头不大": 2.5, "又小": 2.5, "头屑": 3, "头皮屑": 3, "发痒": 3, "痒": 2.5, "过敏": 3, "掉发": 3, "掉头发": 3,
    "脱发": 3, "干枯": 2.5, "毛躁": 2.5, "漏水": 3, "漏电": 3, "不加热": 3, "不热": 2.5, "水温": 1.5,
    "偏小": 2.5, "偏大": 2.5, "太紧": 2.5, "太松": 2.5, "紧": 1, "尺码不对": 2.5, "码数": 2, "尺码": 1.5,
    "没法穿": 3, "不合身": 3, "掉毛": 3, "掉": 0.6, "没有光驱": 2, "没有蓝牙": 2, "缺少": 1.5, "不支持": 2,
    "无法": 1.5, "故障": 3, "毛病": 2, "问题": 1.2, "缺陷": 3, "瑕疵": 2.5, "划痕": 2.5, "色点": 2.5, "坏点": 3,
    "亮点": 0.5, "条纹": 2.5, "不灵": 2.5, "失灵": 3, "不准": 2, "没效果": 3, "没什么效果": 3, "效果不": 3,
    "效果差": 3, "效果一般": 2.5, "不好用": 3, "难用": 3, "内容一般": 3, "写得一般": 3, "写的一般": 3,
    "没意思": 2.5, "没用": 2, "乏味": 2.5, "无聊": 2.5, "废话": 2.5, "不值一读": 3, "看不懂": 2, "次品": 3,
    "劣质": 3, "伪劣": 3, "薄": 1, "太薄": 2, "不结实": 3, "易碎": 2.5, "生锈": 3, "锈": 2, "松动": 2.5,
    "不流畅": 3, "反应慢": 3, "反应迟钝": 3, "识别率": 2, "分辨率": 2, "软软的": 2, "木了": 2.5, "不脆": 2.5,
    "干瘪": 2.5, "蔫": 2.5, "烂": 1.5,
    "没有配": 2, "没配": 2, "不配": 1, "磨破": 2, "不感兴趣": 2.5, "仓促": 2, "看不懂": 2.5, "打不开": 3, "找不到": 1.2,
    "莫名其妙": 1.5, "一次比一次差": 3, "一次不如一次": 3, "低配": 2, "有点小": 1.5, "有点松": 1.5, "松": 1,
    "读不下去": 3, "看不下去": 3, "不实用": 2.5, "不方便": 1.5, "不清晰": 2.5, "模糊": 2.5, "串味": 2.5,
    "掉渣": 2, "拉链": 1.5, "扣子": 1.5, "不防水": 2.5, "不保暖": 2.5, "透": 0.8, "扎": 1.5, "硌": 2,
}

# Pure verdicts with no aspect: alone they make a review malicious_or_unfounded (LABELING rule 3).
ZH_VERDICTS = (
    "垃圾", "太差", "很差", "真差", "好差", "极差", "超差", "最差", "差劲", "不好", "不行", "不满意", "失望", "后悔",
    "坑", "上当", "骗子", "无语", "差评", "一般般", "一般", "不怎么样", "不咋地", "不值", "不推荐", "郁闷",
    "不喜欢", "难过", "不开心", "不爽", "恶心", "太烂", "很烂", "烂透", "呵呵", "晕", "不会再买", "不会再来",
    "再也不", "下次不", "以后不", "不靠谱", "慎重", "慎买", "别买", "千万别", "糟糕",
)

# --------------------------------------------------------------------------- complaint cues (en)

EN_CUES: dict[str, dict[str, float]] = {
    "logistics": {
        r"(slow|late) (shipping|delivery)": 3, r"shipping (was|is|took) (so |very |too )?(slow|long|forever)": 3,
        r"took (\w+ ){0,2}(weeks|days|months) to (arrive|ship|deliver|get here)": 3, r"never (arrived|shipped|came)": 3,
        r"(arrived|came|delivered) (damaged|broken|crushed|smashed|dented|cracked)": 3, r"damaged in (shipping|transit)": 3,
        r"(poorly|badly) packaged|packaging was (poor|terrible|bad|damaged)": 3, r"courier|ups|fedex|usps|delivery (guy|driver|man)": 1.5,
        r"tracking": 1.5, r"lost in (the )?mail": 3,
    },
    "service_attitude": {
        r"customer (service|support|care)": 1.5, r"tech(nical)? support": 1.5, r"support (team|staff)": 1.5,
        r"rude": 2.5, r"unhelpful": 2.5, r"(never|didn't|did not|won't|doesn't) (respond|reply|answer|get back)": 2.5,
        r"no (response|reply|answer)": 2.5, r"hung up": 2.5, r"on hold": 2, r"stonewall(s|ed|ing)?": 2.5,
        r"horrible (customer )?(service|support)": 3, r"(service|support) (is|was) (horrible|terrible|awful|useless|non-?existent)": 3,
    },
    "description_mismatch": {
        r"not as (described|advertised|pictured|shown)": 3.5, r"(doesn't|does not|didn't|did not) match (the )?(description|picture|photo)": 3.5,
        r"wrong (item|color|colour|model|one|book|product)": 3, r"wrong size": 1.5, r"(sent|shipped|received|got) (me )?(the )?wrong": 3,
        r"not (a |the )?(black|white|red|blue|silver) one i ordered|not the one i ordered|not what i ordered": 3,
        r"counterfeit|knock-?off|not genuine|fake": 3, r"refurbished|used item|been used": 2.5,
        r"(missing|didn't include|did not include|without) (the )?(parts?|pieces?|accessor(y|ies)|cable|charger|manual)": 1.5,
        r"(advertised|claimed|claims|rated|stated|listed) (as|at|to be|to last|to hold)": 1.5, r"false advertising|misleading": 3,
        r"picture shows|in the (picture|photo)": 2, r"description (says|said|states)": 2.5,
    },
    "after_sales": {
        r"(won't|wouldn't|refused to|refuse to|will not|would not) (refund|replace|exchange|honor|accept|take it back)": 3.5,
        r"warranty": 1.5, r"(rma|return policy|restocking fee)": 2.5, r"(no|never got (my|a)) refund": 3,
        r"still (waiting|haven't received) (for )?(my |the )?(refund|replacement)": 3.5, r"send it (back|in) for repair": 2,
        r"(try|tried|trying) to return": 1.5, r"refund(ed)?": 1.5, r"money back": 2, r"just try to return": 2.5, r"repair (center|shop)": 1.5,
    },
    "price": {
        r"overpriced|over-priced|too expensive|way too much money|price is (too )?(high|steep)": 3,
        r"(not|isn't|wasn't) worth (the|this) (price|money)": 3, r"for less than( half)?( the price)?": 3,
        r"(cheaper|less) (at|on|from|elsewhere) ": 3, r"at (walmart|target|costco|best buy|ebay)( for)?": 2.5,
        r"lack of value|poor value|not a good value": 3.5, r"price (dropped|went down|was lowered)": 3.5,
        r"coupon|promo(tion)? (code )?(not|wasn't|didn't)": 2, r"half the price": 2.5, r"\$\d+": 0.4,
        r"charging \$?\d+": 2.5,
    },
}

EN_PQ_SYMPTOMS: dict[str, float] = {
    r"(doesn't|does not|didn't|did not|won't|will not|wouldn't|never|can't|cannot|couldn't) (even |really |quite |always |properly )?(work|function|fit|charge|turn on|hold|stay|stick|heat|chop|connect|tune|cut|seal|close|open|clean)": 3,
    r"non[- ]?functional|not functional|unable to|no longer (works?|holds?)|bent|wobbl(y|es)|crooked|loose": 2.5,
    r"used to be (a )?(great|good)|not the same|(much )?worse than": 2,
    r"stopped (working|functioning)|quit working|died|dead": 3, r"broke(n)?|breaks|fell apart|came apart|snapped": 3,
    r"defective|faulty|malfunction(ed|s)?": 3, r"fail(s|ed)?": 2.5, r"recalculates?|inaccurate": 2, r"leak(s|ed|ing)?": 3, r"crack(s|ed)?": 2.5, r"warped": 3, r"rust(ed|y)?": 3,
    r"flimsy|cheap(ly)? made|poor(ly)? (made|built|designed)|poor quality|bad quality|low quality": 3,
    r"sound quality|picture quality|reception|battery( life)?|signal": 1.5, r"(too )?(noisy|loud|quiet)": 1.5,
    r"stick(s|ing|y)?|scratch(es|ed)?|peel(s|ed|ing)?": 2, r"overheat(s|ed|ing)?|hot": 1.5, r"static|hiss|buzz(ing)?": 2,
    r"freez(es|ing)|crash(es|ed|ing)?|reboot(s|ing)?": 2.5, r"(too )?(small|big|large|thin|short)": 1, r"uncomfortable": 2,
    r"design(ed)?": 1, r"quality": 1.5, r"useless|junk|garbage|piece of (junk|crap|garbage)": 2,
    r"difficult|hard to (use|clean|read|set up|install)": 2, r"drop(s|ped)? (the )?(connection|signal|calls?)": 3,
    r"smell(s|ed)?|taste(s|d)?": 1.5, r"software|driver|firmware": 1.5,
}

EN_VERDICTS = (
    r"terrible", r"horrible", r"awful", r"worst", r"bad", r"junk", r"garbage", r"crap", r"not (happy|satisfied)",
    r"disappoint(ed|ing)", r"waste of money", r"don't buy", r"do not buy", r"hate", r"sucks?",
)

# --------------------------------------------------------------------------- flags & escalation

# Terms that signal a buyer may escalate (DOMAIN.md: surface these first).
ZH_ESCALATION = ("假货", "投诉", "12315", "12345", "工商", "曝光", "律师", "起诉", "消协", "消费者协会", "举报",
                 "市场监管", "315", "报警", "法院", "媒体", "维权", "黑猫")
EN_ESCALATION = (r"lawsuit", r"sue", r"suing", r"chargeback", r"charge ?back", r"bbb", r"better business bureau",
                 r"ftc", r"report (you|this seller|this store|them)", r"attorney", r"lawyer", r"small claims",
                 r"dispute (the|this) charge", r"counterfeit", r"attorney general", r"consumer protection")

# Profanity / insults at people (LABELING: harsh product verdicts like 垃圾/junk are NOT abuse).
ZH_ABUSE = ("我靠", "靠!", "特么", "他妈", "他娘", "妈的", "tmd", "尼玛", "你妈", "傻逼", "傻b", "傻x", "煞笔", "沙比", "sb",
            "狗屁", "我擦", "我日", "卧槽", "我草", "我操", "操你", "草泥马", "cnm", "nmb", "脑残", "智障",
            "白痴", "混蛋", "王八蛋", "贱人", "不要脸", "去死", "狗日", "屌", "法克", "滚蛋", "姥姥的", "你丫",
            "畜生", "人渣", "垃圾人", "狗东西", "汉奸", "fuck", "shit")
EN_ABUSE = (r"f+u+c+k\w*", r"f[-*]+\w*king", r"shit\w*", r"bullshit", r"bitch\w*", r"assholes?", r"bastards?",
            r"morons?", r"idiots?", r"dumbass", r"retard(ed|s)?", r"scumbags?", r"jerks?", r"wtf")

# Advertising / contact diversion.
ZH_SPAM = ("加微信", "加我微信", "加v", "加薇", "加vx", "vx", "v信", "微信号", "wx:", "wx：", "加q", "加qq", "qq群",
           "扣扣", "代购", "兼职", "刷单", "返利", "淘口令", "点击链接", "低价出", "私聊我", "优惠券领取",
           "领券", "出售优惠券", "招代理", "日赚", "加群")
EN_SPAM = (r"dm me", r"message me for", r"discount code", r"promo code", r"use code", r"visit my", r"check out my",
           r"whatsapp", r"telegram", r"click (here|the link)", r"follow me", r"free gift card", r"earn \$\d+")

# Irrelevant content (reposts, memes, check-ins).
ZH_IRRELEVANT = ("转发", "#", "抽奖", "路过", "打酱油", "签到", "打卡", "沙发", "前排", "凑字数", "刷经验", "水一贴")
EN_IRRELEVANT = (r"first!", r"lol+", r"retweet", r"subscribe")
