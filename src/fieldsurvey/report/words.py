"""The report's own words in English, Chinese and Khmer (titles, column heads, the methods box).

Questionnaire texts (areas, benefits, messages) come from the questionnaire in the chosen
language; these are the words around them. Phrasing follows the app's Scores screen.
"""

from __future__ import annotations

LANGUAGES = ("en", "zh", "km")

WORDS: dict[str, tuple[str, str, str]] = {
    "subtitle": ("Client satisfaction report", "服务对象满意度报告", "របាយការណ៍ការពេញចិត្តរបស់អតិថិជន"),
    "round": ("Round", "轮次", "ជុំ"),
    "office": ("Office", "办事处", "ការិយាល័យ"),
    "all_offices": ("all offices", "全部办事处", "ការិយាល័យទាំងអស់"),
    "responses": ("Responses", "回答数", "ចំនួនចម្លើយ"),
    "made": ("Made", "生成时间", "បង្កើតនៅ"),
    "no_data": (
        "No data: there are no completed interviews for this selection yet.",
        "无数据：此范围内尚无已完成的访问。",
        "គ្មានទិន្នន័យ៖ មិនទាន់មានការសម្ភាសន៍ដែលបានបញ្ចប់សម្រាប់ជម្រើសនេះទេ។",
    ),
    "areas": ("Area scores", "各领域得分", "ពិន្ទុតាមផ្នែក"),
    "areas_note": (
        "Mean score 0-100 with its 95% interval. Hatched: indicative (10-29 respondents or a wide "
        "interval). Areas with fewer than 10 respondents are not shown.",
        "平均得分（0-100）及其95%置信区间。斜线：仅供参考（10-29人或区间较宽）。少于10人的领域不显示。",
        "ពិន្ទុមធ្យម 0-100 ជាមួយចន្លោះទំនុកចិត្ត 95%។ ឆ្នូត៖ ប្រហាក់ប្រហែល (10-29 នាក់ ឬចន្លោះធំ)។ "
        "ផ្នែកដែលមានតិចជាង 10 នាក់ មិនត្រូវបានបង្ហាញទេ។",
    ),
    "area": ("Area", "领域", "ផ្នែក"),
    "score": ("Score", "得分", "ពិន្ទុ"),
    "interval": ("95% interval", "95%区间", "ចន្លោះ 95%"),
    "satisfied": ("% satisfied", "满意比例", "% ពេញចិត្ត"),
    "status": ("Status", "状态", "ស្ថានភាព"),
    "suppressed": ("not shown (fewer than 10)", "不显示（少于10人）", "មិនបង្ហាញ (តិចជាង 10)"),
    "indicative": ("indicative", "仅供参考", "ប្រហាក់ប្រហែល"),
    "ok": ("ok", "可靠", "ល្អ"),
    "trend": ("Trend against the previous round", "与上一轮相比的趋势", "និន្នាការធៀបនឹងជុំមុន"),
    "trend_none": (
        "No previous round to compare with.",
        "没有可比较的上一轮。",
        "គ្មានជុំមុនសម្រាប់ប្រៀបធៀប។",
    ),
    "previous": ("previous", "上一轮", "ជុំមុន"),
    "current": ("this round", "本轮", "ជុំនេះ"),
    "change": ("Change", "变化", "ការផ្លាស់ប្តូរ"),
    "quadrants": ("Importance and performance", "重要性与表现", "សារៈសំខាន់ និងលទ្ធផល"),
    "quadrants_none": (
        "Importance could not be estimated, so the areas have no quadrant.",
        "无法估计重要性，因此各领域没有象限。",
        "មិនអាចប៉ាន់ស្មានសារៈសំខាន់បានទេ ដូច្នេះផ្នែកនានាគ្មានចតុភាគ។",
    ),
    "importance": ("Importance", "重要性", "សារៈសំខាន់"),
    "concentrate": ("Concentrate here", "重点改进", "ផ្តោតលើចំណុចនេះ"),
    "keep_up": ("Keep up the good work", "继续保持", "បន្តការងារល្អ"),
    "low_priority": ("Low priority", "次要", "អាទិភាពទាប"),
    "overkill": ("Possible overkill", "可能投入过度", "អាចលើសតម្រូវការ"),
    "gaps": (
        "Equity gaps: each group minus everyone else",
        "公平差距：各群体减去其他所有人",
        "គម្លាតសមធម៌៖ ក្រុមនីមួយៗ ដក អ្នកផ្សេងទៀតទាំងអស់",
    ),
    "gaps_note": (
        "Filled: the 95% interval excludes 0 (a real difference). Groups under 10 are not shown.",
        "实心：95%区间不含0（确有差异）。少于10人的群体不显示。",
        "ពេញ៖ ចន្លោះ 95% មិនរួមបញ្ចូល 0 (ខុសគ្នាពិត)។ ក្រុមតិចជាង 10 នាក់ មិនត្រូវបានបង្ហាញទេ។",
    ),
    "gaps_none": ("No gaps to show.", "没有可显示的差距。", "គ្មានគម្លាតសម្រាប់បង្ហាញ។"),
    "awareness": (
        "Benefit awareness by client type",
        "按服务对象类型的待遇知晓度",
        "ការយល់ដឹងអំពីអត្ថប្រយោជន៍ តាមប្រភេទអតិថិជន",
    ),
    "awareness_none": (
        "No awareness questions answered.",
        "没有知晓度回答。",
        "គ្មានចម្លើយអំពីការយល់ដឹង។",
    ),
    "messages": ("Suggested messages", "建议宣传信息", "សារណែនាំ"),
    "messages_none": (
        "No message suggested for this selection.",
        "此范围内没有建议信息。",
        "គ្មានសារណែនាំសម្រាប់ជម្រើសនេះទេ។",
    ),
    "channel": ("Channel", "渠道", "បណ្តាញ"),
    "message": ("Message", "信息", "សារ"),
    "for": ("For", "对象", "សម្រាប់"),
    "dim.persona": ("Client type", "服务对象类型", "ប្រភេទអតិថិជន"),
    "dim.gender": ("Gender", "性别", "ភេទ"),
    "dim.age_group": ("Age group", "年龄组", "ក្រុមអាយុ"),
    "dim.programme": ("Programme", "险种", "កម្មវិធី"),
    "dim.service_mode": ("Service mode", "办理方式", "របៀបទទួលសេវា"),
    "dim.geography": ("Where they live", "居住地区", "ទីកន្លែងរស់នៅ"),
    "dim.life_event": ("Life event", "生活事件", "ព្រឹត្តិការណ៍ជីវិត"),
    "dim.disability": ("Disability", "残疾", "ពិការភាព"),
    "dim.ict_adoption": ("Use of digital services", "数字服务使用", "ការប្រើសេវាឌីជីថល"),
    "dim.income_band": ("Income", "收入", "ចំណូល"),
    "dim.working_hours": ("Working hours", "工作时间", "ម៉ោងធ្វើការ"),
    "dim.literacy": ("Reading difficulty", "读写困难", "ការលំបាកក្នុងការអាន"),
    "channel.brochure": ("brochure", "宣传册", "ខិត្តប័ណ្ណ"),
    "channel.desk_sign": ("desk sign", "窗口提示牌", "ស្លាកនៅបញ្ជរ"),
    "channel.inspector_kit": ("inspector's kit", "稽查员资料包", "កញ្ចប់ឯកសារអធិការ"),
    "channel.map": ("map", "地图", "ផែនទី"),
    "channel.poster": ("poster", "海报", "ផ្ទាំងរូបភាព"),
    "channel.radio": ("radio", "广播", "វិទ្យុ"),
    "channel.social_media": ("social media", "社交媒体", "បណ្តាញសង្គម"),
    "channel.web": ("website", "网站", "គេហទំព័រ"),
    "everyone": ("everyone", "所有人", "គ្រប់គ្នា"),
    "indicators": ("Office indicators and ratios", "办事处指标与比率", "សូចនាករ និងអនុបាតការិយាល័យ"),
    "indicators_none": (
        "No office indicators recorded.",
        "尚未录入办事处指标。",
        "មិនទាន់មានសូចនាករការិយាល័យទេ។",
    ),
    "ratio": ("Ratio", "比率", "អនុបាត"),
    "period": ("Period", "期间", "រយៈពេល"),
    "value": ("Value", "数值", "តម្លៃ"),
    "quality": ("Data quality and review", "数据质量与审核", "គុណភាពទិន្នន័យ និងការពិនិត្យ"),
    "complete": ("complete", "已完成", "បានបញ្ចប់"),
    "draft": ("draft", "草稿", "ព្រាង"),
    "refused": ("refused", "拒访", "បដិសេធ"),
    "voided": ("voided", "作废", "ទុកជាមោឃៈ"),
    "conflicts": ("in conflict", "存在冲突", "មានជម្លោះ"),
    "quality_note": (
        "Review states and quality flags appear here once they are recorded.",
        "记录审核状态和质量标记后将显示在此处。",
        "ស្ថានភាពពិនិត្យ និងសញ្ញាគុណភាព នឹងបង្ហាញនៅទីនេះ នៅពេលត្រូវបានកត់ត្រា។",
    ),
    "warnings": ("Notes", "说明", "កំណត់សម្គាល់"),
    "methods": ("Methods", "方法说明", "វិធីសាស្ត្រ"),
    "methods_text": (
        "Item score = (answer − 1) / (points − 1) × 100 after reverse coding; don't know / not "
        "applicable leaves the denominator. A respondent's area score is the mean of the items "
        "they answered if they answered at least half. Means have a t-interval, % satisfied a "
        "Wilson interval, trends and equity gaps a Welch interval (95%). Fewer than 10 "
        "respondents: not shown, to protect privacy (and totals that would reveal a small group "
        "are hidden too). 10-29 respondents or an interval wider than ±10 points: indicative, no "
        "messages. Importance: correlation of the area with overall satisfaction (or the share "
        "naming it most important); quadrants after Martilla & James, cut at the means.",
        "题目得分 =（回答 − 1）/（刻度数 − 1）× 100（反向题先反向计分）；"
        "“不知道/不适用”不计入分母。"
        "受访者回答了某领域至少一半题目时，其领域得分为所答题目的平均分。均值使用t区间，满意比例使用"
        "Wilson区间，趋势和公平差距使用Welch区间（95%）。少于10人：为保护隐私不予显示（可推算出小群体的"
        "合计也会隐藏）。10-29人或区间宽于±10分：仅供参考，不提供建议信息。重要性：该领域与总体满意度的"
        "相关系数（或认为其最重要的比例）；象限依Martilla和James方法，以均值为界。",
        "ពិន្ទុសំណួរ = (ចម្លើយ − 1) / (ចំនួនកម្រិត − 1) × 100 បន្ទាប់ពីបញ្ច្រាសសំណួរអវិជ្ជមាន; "
        "មិនដឹង / មិនពាក់ព័ន្ធ មិនរាប់ក្នុងភាគបែងទេ។ ពិន្ទុផ្នែករបស់អ្នកឆ្លើយ គឺមធ្យមភាគនៃសំណួរដែលគាត់"
        "បានឆ្លើយ ប្រសិនបើគាត់ឆ្លើយយ៉ាងហោចណាស់ពាក់កណ្តាល។ មធ្យមភាគប្រើចន្លោះ t, % ពេញចិត្តប្រើចន្លោះ "
        "Wilson, និន្នាការ និងគម្លាតសមធម៌ប្រើចន្លោះ Welch (95%)។ តិចជាង 10 នាក់៖ មិនបង្ហាញ "
        "ដើម្បីការពារឯកជនភាព។ 10-29 នាក់ ឬចន្លោះធំជាង ±10 ពិន្ទុ៖ ប្រហាក់ប្រហែល គ្មានសារណែនាំ។ "
        "សារៈសំខាន់៖ សហសម្ព័ន្ធនៃផ្នែកជាមួយការពេញចិត្តទូទៅ; ចតុភាគតាម Martilla និង James។",
    ),
}


def word(key: str, lang: str) -> str:
    """The report's word for `key` in `lang` (English for a language it does not speak); a
    key it does not know (a channel added to the questionnaire later) as the key itself."""
    if key not in WORDS:
        return key.rsplit(".", 1)[-1].replace("_", " ")
    en, zh, km = WORDS[key]
    return {"zh": zh, "km": km}.get(lang, en)
