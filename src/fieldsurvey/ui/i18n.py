"""The app's own words (buttons, titles, footer keys) in every interview language.

Question texts come from the questionnaire; everything around them comes from here, so a
front-desk clerk working in Chinese or Khmer does not meet English chrome. A missing
translation falls back to English rather than failing: a half-translated screen is still usable.
The Khmer strings were written without a native reviewer; see the issue note.
"""

from __future__ import annotations

from collections.abc import Mapping

from rich.cells import cell_len

UI_LANGUAGES = ("en", "zh", "km")
"""Languages the chrome is translated into; others fall back to English."""

LANGUAGE_NAMES = {"en": "English", "zh": "中文", "km": "ខ្មែរ"}
"""Each language named in itself, so anyone can find their own in a list."""

_TEXTS: dict[str, tuple[str, str, str]] = {
    # key: (en, zh, km)
    # ----- shared
    "yes": ("Yes", "是", "បាទ/ចាស"),
    "no": ("No", "否", "ទេ"),
    "save": ("Save", "保存", "រក្សាទុក"),
    "cancel": ("Cancel", "取消", "បោះបង់"),
    "back": ("Back", "返回", "ថយក្រោយ"),
    "quit": ("Quit", "退出", "ចាកចេញ"),
    "not_set": ("(not set)", "（未设置）", "(មិនទាន់កំណត់)"),
    "Commands": ("Commands", "命令", "ពាក្យបញ្ជា"),
    # ----- home
    "home.device": ("Device", "设备", "ឧបករណ៍"),
    "home.interviewer": ("Interviewer", "访问员", "អ្នកសម្ភាសន៍"),
    "home.office": ("Office", "办事处", "ការិយាល័យ"),
    "home.round": ("Round", "轮次", "ជុំ"),
    "home.questionnaire": ("Questionnaire", "问卷", "កម្រងសំណួរ"),
    "home.interviews": ("Interviews", "访问", "ការសម្ភាសន៍"),
    "home.today": ("today", "今天", "ថ្ងៃនេះ"),
    "home.total": ("total", "总计", "សរុប"),
    "home.unexported": ("not yet exported", "未导出", "មិនទាន់នាំចេញ"),
    "home.loading": ("counting…", "统计中…", "កំពុងរាប់…"),
    "home.drafts": ("Drafts to resume", "可继续的草稿", "សេចក្តីព្រាងដែលអាចបន្ត"),
    "home.no_drafts": ("No drafts.", "没有草稿。", "គ្មានសេចក្តីព្រាងទេ។"),
    "home.draft_line": (
        "{started}  {persona}  {answered} answered",
        "{started}  {persona}  已答 {answered} 题",
        "{started}  {persona}  បានឆ្លើយ {answered}",
    ),
    "home.start": ("Start interview", "开始访问", "ចាប់ផ្តើមសម្ភាសន៍"),
    "home.start_short": ("Start", "开始", "ចាប់ផ្តើម"),
    "home.resume_short": ("Resume", "继续", "បន្ត"),
    "home.indicators_short": ("Indicators", "指标", "សូចនាករ"),
    "home.resume": ("Resume draft", "继续草稿", "បន្តសេចក្តីព្រាង"),
    "home.scores": ("Scores", "得分", "ពិន្ទុ"),
    "home.sync": ("Sync", "同步", "សមកាលកម្ម"),
    "home.settings": ("Settings", "设置", "ការកំណត់"),
    "home.indicators": ("Office indicators", "办事处指标", "សូចនាករការិយាល័យ"),
    "home.counts_failed": (
        "Could not read the counts: {error}",
        "无法读取统计：{error}",
        "មិនអាចអានចំនួនបានទេ៖ {error}",
    ),
    # ----- interview
    "interview.title": ("Interview", "访问", "ការសម្ភាសន៍"),
    "interview.next": ("Next", "下一题", "បន្ទាប់"),
    "interview.language": ("Language", "语言", "ភាសា"),
    "interview.review": ("Review", "检查", "ពិនិត្យ"),
    "interview.leave": ("Leave", "离开", "ចាកចេញ"),
    "interview.draft_kept": (
        "Interview kept as a draft; resume it from Home.",
        "访问已保存为草稿，可在首页继续。",
        "ការសម្ភាសន៍ត្រូវបានរក្សាទុកជាសេចក្តីព្រាង។",
    ),
    "interview.dk": ("Don't know / not applicable", "不知道 / 不适用", "មិនដឹង / មិនពាក់ព័ន្ធ"),
    "interview.likert_help": (
        "Press 1-{k}, or 0 for don't know",
        "按 1-{k} 作答，0 表示不知道",
        "ចុច 1-{k} ឬ 0 បើមិនដឹង",
    ),
    "interview.choice_help": (
        "Press a number or ↑↓ and Enter",
        "按数字键，或 ↑↓ 加回车",
        "ចុចលេខ ឬ ↑↓ ហើយ Enter",
    ),
    "interview.multi_help": (
        "Space or a number toggles; Enter goes on",
        "空格或数字键勾选；回车继续",
        "Space ឬលេខ ដើម្បីជ្រើស; Enter បន្ត",
    ),
    "interview.rank_help": (
        "Space or a number adds the next rank; again removes it",
        "空格或数字键依次排序；再按一次取消",
        "Space ឬលេខ ដើម្បីដាក់លំដាប់; ចុចម្តងទៀតដើម្បីដក",
    ),
    "interview.input_help": (
        "Type the answer, then Enter",
        "输入答案后按回车",
        "វាយចម្លើយ រួចចុច Enter",
    ),
    "interview.date_help": (
        "Date as YYYY-MM-DD, then Enter",
        "日期格式 YYYY-MM-DD，然后回车",
        "កាលបរិច្ឆេទ YYYY-MM-DD រួចចុច Enter",
    ),
    "interview.note_help": ("Enter to continue", "按回车继续", "ចុច Enter ដើម្បីបន្ត"),
    "interview.progress": (
        "{done}/{total} answered",
        "已答 {done}/{total}",
        "បានឆ្លើយ {done}/{total}",
    ),
    "interview.saved_refusal": ("Refusal recorded.", "已记录拒绝。", "បានកត់ត្រាការបដិសេធ។"),
    # ----- review
    "review.title": ("Review answers", "检查答案", "ពិនិត្យចម្លើយ"),
    "review.finish": ("Finish", "完成", "បញ្ចប់"),
    "review.problems": (
        "Not finished yet: {count} question(s) need an answer.",
        "尚不能完成：有 {count} 题需要作答。",
        "មិនទាន់អាចបញ្ចប់៖ មាន {count} សំណួរត្រូវឆ្លើយ។",
    ),
    "review.help": (
        "Enter changes the highlighted answer; f finishes. ! = required, not answered.",
        "回车修改所选答案；按 f 完成。! 表示必答题尚未回答。",
        "Enter ដើម្បីកែប្រែ; f ដើម្បីបញ្ចប់។ ! = ត្រូវឆ្លើយ តែមិនទាន់ឆ្លើយ។",
    ),
    "review.confirm_finish": (
        "Finish this interview? It will be saved as complete.",
        "完成此访问？它将保存为已完成。",
        "បញ្ចប់ការសម្ភាសន៍នេះ? វានឹងត្រូវរក្សាទុកថាបានបញ្ចប់។",
    ),
    "review.done": (
        "Interview saved. Thank you!",
        "访问已保存，谢谢！",
        "បានរក្សាទុកការសម្ភាសន៍។ អរគុណ!",
    ),
    # ----- settings
    "settings.title": ("Settings", "设置", "ការកំណត់"),
    "settings.first_run": (
        "Before the first interview: who is interviewing, and where?",
        "首次访问前，请填写访问员和办事处。",
        "មុនការសម្ភាសន៍ដំបូង៖ សូមបញ្ចូលអ្នកសម្ភាសន៍ និងការិយាល័យ។",
    ),
    "settings.language": ("Language", "语言", "ភាសា"),
    "settings.theme": ("Theme", "主题", "រចនាប័ទ្ម"),
    "settings.theme_auto": (
        "automatic (16 colours when the terminal has few)",
        "自动（终端色彩少时用 16 色）",
        "ស្វ័យប្រវត្តិ (16 ពណ៌ បើស្ថានីយមានពណ៌តិច)",
    ),
    "settings.required": ("Required.", "必填。", "ត្រូវតែបំពេញ។"),
    "settings.saved": ("Settings saved.", "设置已保存。", "បានរក្សាទុកការកំណត់។"),
    "settings.round_hint": ("e.g. 2026-Q3", "例如 2026-Q3", "ឧ. 2026-Q3"),
    "settings.round_bad": (
        "Use a form like {examples}.",
        "请使用如下格式：{examples}。",
        "សូមប្រើទម្រង់ដូចជា {examples}។",
    ),
    # ----- titles of the screens other issues fill in
    "scores.title": ("Scores", "得分", "ពិន្ទុ"),
    "scores.round": ("Round", "轮次", "ជុំ"),
    "rounds.none": ("(no round)", "（无轮次）", "(គ្មានជុំ)"),
    "scores.rejected_out": (
        "{count} rejected left out (x)",
        "已排除 {count} 份被驳回的回答 (x)",
        "ដកចេញ {count} ដែលត្រូវបានបដិសេធ (x)",
    ),
    "scores.rejected_in": (
        "{count} rejected included (x)",
        "已包含 {count} 份被驳回的回答 (x)",
        "រួមបញ្ចូល {count} ដែលត្រូវបានបដិសេធ (x)",
    ),
    "sync.title": ("Sync", "同步", "សមកាលកម្ម"),
    "indicators.title": ("Office indicators", "办事处指标", "សូចនាករការិយាល័យ"),
    # ----- small terminal
    "too_small": (
        "Please enlarge the terminal to at least {w}x{h} (now {cw}x{ch}).",
        "请将终端放大到至少 {w}x{h}（当前 {cw}x{ch}）。",
        "សូមពង្រីកស្ថានីយយ៉ាងហោចណាស់ {w}x{h} (ឥឡូវ {cw}x{ch})។",
    ),
    # ----- command palette
    "cmd.home": ("Go to Home", "前往首页", "ទៅទំព័រដើម"),
    "cmd.start": ("Start a new interview", "开始新的访问", "ចាប់ផ្តើមសម្ភាសន៍ថ្មី"),
    "cmd.review": ("Review the current interview", "检查当前访问", "ពិនិត្យការសម្ភាសន៍បច្ចុប្បន្ន"),
    "cmd.settings": ("Open Settings", "打开设置", "បើកការកំណត់"),
    "cmd.scores": ("Open Scores", "打开得分", "បើកពិន្ទុ"),
    "cmd.sync": ("Open Sync", "打开同步", "បើកសមកាលកម្ម"),
    "cmd.indicators": ("Open Office indicators", "打开办事处指标", "បើកសូចនាករការិយាល័យ"),
    "cmd.quality": ("Open Quality and review", "打开质量与审核", "បើកគុណភាព និងការពិនិត្យ"),
    # ----- quality and review
    "quality.title": ("Quality", "数据质量", "គុណភាព"),
    "quality.detail_title": ("Interview (read-only)", "访问（只读）", "ការសម្ភាសន៍ (អានតែប៉ុណ្ណោះ)"),
    "quality.tab.interviews": ("Flagged interviews", "被标记的访问", "ការសម្ភាសន៍ដែលបានសម្គាល់"),
    "quality.tab.interviewers": ("Interviewers", "访问员", "អ្នកសម្ភាសន៍"),
    "quality.key.interviews": ("Interviews", "访问", "ការសម្ភាសន៍"),
    "quality.col.state": ("Review", "审核", "ការពិនិត្យ"),
    "quality.col.interviewer": ("Interviewer", "访问员", "អ្នកសម្ភាសន៍"),
    "quality.col.office": ("Office", "办事处", "ការិយាល័យ"),
    "quality.col.flags": ("Flags", "标记", "សញ្ញាសម្គាល់"),
    "quality.col.uuid": ("Interview", "访问", "ការសម្ភាសន៍"),
    "quality.col.interviews": ("Interviews", "访问数", "ចំនួនសម្ភាសន៍"),
    "quality.col.flagged": ("Flagged", "被标记", "បានសម្គាល់"),
    "quality.summary": (
        "{responses} interviews · {flagged} flagged · Enter opens one",
        "{responses} 份访问 · {flagged} 份被标记 · 按 Enter 打开",
        "ការសម្ភាសន៍ {responses} · បានសម្គាល់ {flagged} · ចុច Enter ដើម្បីបើក",
    ),
    "quality.kind.speeding": ("speeding", "过快", "លឿនពេក"),
    "quality.kind.straightlining": ("straight-lining", "直线作答", "ឆ្លើយដូចគ្នាទាំងអស់"),
    "quality.kind.contradiction": ("contradiction", "前后矛盾", "ផ្ទុយគ្នា"),
    "quality.kind.duplicate": ("possible duplicate", "可能重复", "អាចស្ទួន"),
    "quality.kind.nonresponse": ("non-response", "未作答过多", "មិនឆ្លើយច្រើន"),
    "quality.no_effects": (
        "No interviewer effects found.",
        "未发现访问员效应。",
        "រកមិនឃើញឥទ្ធិពលអ្នកសម្ភាសន៍ទេ។",
    ),
    "quality.review": ("Review", "审核", "ការពិនិត្យ"),
    "quality.answers": ("Answers", "回答", "ចម្លើយ"),
    "quality.timeline": ("Paradata timeline", "过程数据时间线", "ពេលវេលាដំណើរការ"),
    "quality.no_paradata": (
        "No paradata for this interview in this database.",
        "此数据库中没有该访问的过程数据。",
        "គ្មានទិន្នន័យដំណើរការសម្រាប់ការសម្ភាសន៍នេះទេ។",
    ),
    "quality.duration": ("{m} min {s} s", "{m} 分 {s} 秒", "{m} នាទី {s} វិនាទី"),
    "quality.seconds": ("{s} s", "{s} 秒", "{s} វិនាទី"),
    "quality.reason.speeding_reading": (
        "took {took_s}; reading its {words:,} words of questions at {rate:g} words/s takes "
        "{floor_s}",
        "用时 {took_s}；按每秒 {rate:g} 词朗读其问题的 {words:,} 个词需要 {floor_s}",
        "ចំណាយពេល {took_s}; ការអានពាក្យ {words:,} នៃសំណួរ ក្នុងល្បឿន {rate:g} ពាក្យ/វិនាទី ត្រូវការ {floor_s}",
    ),
    "quality.reason.speeding_median": (
        "took {took_s}, under {fraction:.0%} of the median {median_s}",
        "用时 {took_s}，不到中位数 {median_s} 的 {fraction:.0%}",
        "ចំណាយពេល {took_s} តិចជាង {fraction:.0%} នៃមធ្យមភាគ {median_s}",
    ),
    "quality.reason.straightlining": (
        "{area}: all {items} items answered {value}",
        "{area}：全部 {items} 题都回答 {value}",
        "{area}៖ ធាតុទាំង {items} ឆ្លើយ {value} ដូចគ្នា",
    ),
    "quality.reason.contradiction": (
        "{area}: statements average {plain:.1f}, their reverse-coded opposites {opposite:.1f} "
        "after reverse coding",
        "{area}：正向题平均 {plain:.1f}，反向题反向计分后平均 {opposite:.1f}",
        "{area}៖ សេចក្តីថ្លែងមធ្យម {plain:.1f} ផ្ទុយពីសេចក្តីថ្លែងបញ្ច្រាស {opposite:.1f}",
    ),
    "quality.reason.duplicate": (
        "same persona, segments, office and day as {other}, completed {apart_s} apart",
        "与 {other} 的对象类型、分组、办事处和日期相同，完成时间相差 {apart_s}",
        "ដូចគ្នានឹង {other} (ប្រភេទ ក្រុម ការិយាល័យ និងថ្ងៃ) បញ្ចប់ឃ្លាតគ្នា {apart_s}",
    ),
    "quality.reason.nonresponse": (
        "{missing} of {asked} items asked not answered or don't know ({share:.0%}, over "
        "{rate:.0%})",
        "所问的 {asked} 题中有 {missing} 题未答或答“不知道”（{share:.0%}，超过 {rate:.0%}）",
        "ធាតុ {missing} ក្នុងចំណោម {asked} មិនបានឆ្លើយ ឬមិនដឹង ({share:.0%} លើស {rate:.0%})",
    ),
    "quality.reason.area_mean": (
        "{area} mean score {value:.1f} over {n} interviews against {others:.1f} over "
        "{others_n} by the others: z = {z:+.1f} (rule: |z| > {rule:g}, n >= {min_n})",
        "{area} 平均得分 {value:.1f}（{n} 份访问），其他访问员 {others:.1f}（{others_n} 份）："
        "z = {z:+.1f}（规则：|z| > {rule:g}，n >= {min_n}）",
        "{area} ពិន្ទុមធ្យម {value:.1f} ({n}) ធៀបនឹងអ្នកដទៃ {others:.1f} ({others_n})៖ "
        "z = {z:+.1f} (ច្បាប់៖ |z| > {rule:g}, n >= {min_n})",
    ),
    "quality.reason.dk_rate": (
        "don't-know rate (%) {value:.1f} over {n} interviews against {others:.1f} over "
        "{others_n} by the others: z = {z:+.1f} (rule: |z| > {rule:g}, n >= {min_n})",
        "“不知道”比例（%）{value:.1f}（{n} 份访问），其他访问员 {others:.1f}（{others_n} 份）："
        "z = {z:+.1f}（规则：|z| > {rule:g}，n >= {min_n}）",
        "អត្រាមិនដឹង (%) {value:.1f} ({n}) ធៀបនឹងអ្នកដទៃ {others:.1f} ({others_n})៖ "
        "z = {z:+.1f} (ច្បាប់៖ |z| > {rule:g}, n >= {min_n})",
    ),
    "quality.reason.no_paradata": (
        "speeding: none of the {count:,} interviews has paradata in this database (merged "
        "from files without it?); the other flags do not need it",
        "过快：此数据库中 {count:,} 份访问都没有过程数据（合并的文件不含过程数据？）；"
        "其他标记不需要它",
        "លឿនពេក៖ ការសម្ភាសន៍ទាំង {count:,} គ្មានទិន្នន័យដំណើរការទេ; សញ្ញាផ្សេងទៀតមិនត្រូវការវាទេ",
    ),
    "quality.reason.some_without_paradata": (
        "speeding: {missing:,} of {count:,} interviews have no paradata and were not checked",
        "过快：{count:,} 份访问中有 {missing:,} 份没有过程数据，未检查",
        "លឿនពេក៖ {missing:,} ក្នុងចំណោម {count:,} គ្មានទិន្នន័យដំណើរការ មិនបានពិនិត្យ",
    ),
    "review.state.pending": ("pending", "待审核", "រង់ចាំ"),
    "review.state.approved": ("approved", "已通过", "បានអនុម័ត"),
    "review.state.has_issues": ("has issues", "有问题", "មានបញ្ហា"),
    "review.state.rejected": ("rejected", "已驳回", "បានបដិសេធ"),
    "review.key.approve": ("Approve", "通过", "អនុម័ត"),
    "review.key.issue": ("Has issues", "有问题", "មានបញ្ហា"),
    "review.key.reject": ("Reject", "驳回", "បដិសេធ"),
    "review.comment_for": (
        "{state}: {uuid}\nComment (Enter records it, Esc cancels):",
        "{state}：{uuid}\n备注（按 Enter 记录，Esc 取消）：",
        "{state}៖ {uuid}\nមតិយោបល់ (Enter ដើម្បីកត់ត្រា, Esc ដើម្បីបោះបង់)៖",
    ),
    "review.comment_required": (
        "A comment is required.",
        "必须填写备注。",
        "ត្រូវការមតិយោបល់។",
    ),
    "review.recorded": ("Recorded: {state}.", "已记录：{state}。", "បានកត់ត្រា៖ {state}។"),
    # ----- sync
    "sync.tab_export": ("Export", "导出", "នាំចេញ"),
    "sync.tab_merge": ("Merge", "合并", "បញ្ចូលគ្នា"),
    "sync.export_button": ("Export", "导出", "នាំចេញ"),
    "sync.merge_button": ("Merge", "合并", "បញ្ចូលគ្នា"),
    "sync.folder": ("Folder", "文件夹", "ថត"),
    "sync.browse": ("Browse…", "浏览…", "រកមើល…"),
    "sync.home_hint": (
        "empty: your home folder",
        "留空：主文件夹",
        "ទទេ៖ ថតផ្ទះរបស់អ្នក",
    ),
    "sync.chosen": (
        "{count} file(s) chosen in {folder}: {names}. Press ctrl+r to merge.",
        "已在 {folder} 中选择 {count} 个文件：{names}。按 ctrl+r 合并。",
        "បានជ្រើស {count} ឯកសារក្នុង {folder}៖ {names}។ ចុច ctrl+r ដើម្បីបញ្ចូល។",
    ),
    "sync.choose": ("Choose…", "选择…", "ជ្រើសរើស…"),
    "sync.everything": (
        "Everything, also what was exported before",
        "全部（包括以前导出过的）",
        "ទាំងអស់ រួមទាំងអ្វីដែលបាននាំចេញពីមុន",
    ),
    "sync.encrypt_for": ("Encrypt for", "加密给", "អ៊ិនគ្រីបឲ្យ"),
    "sync.recipients_hint": (
        "supervisor key: age1… or a .pub file",
        "主管公钥：age1… 或 .pub 文件",
        "សោអ្នកគ្រប់គ្រង៖ age1… ឬឯកសារ .pub",
    ),
    "sync.not_encrypted": (
        "NOT encrypted: whoever gets the file can read the answers.",
        "不加密：拿到文件的任何人都能读取答卷。",
        "មិនអ៊ិនគ្រីប៖ អ្នកណាដែលបានឯកសារ អាចអានចម្លើយបាន។",
    ),
    "sync.will_encrypt": (
        "Encrypted: only the supervisor's secret key opens the file.",
        "加密：只有主管的私钥能打开该文件。",
        "អ៊ិនគ្រីប៖ មានតែសោសម្ងាត់របស់អ្នកគ្រប់គ្រងទេ ដែលអាចបើកឯកសារបាន។",
    ),
    "sync.pending": (
        "{count} response(s) not yet exported.",
        "{count} 份答卷尚未导出。",
        "ចម្លើយ {count} មិនទាន់នាំចេញ។",
    ),
    "sync.exporting": ("Exporting…", "正在导出…", "កំពុងនាំចេញ…"),
    "sync.busy": (
        "Still working on the files; please wait.",
        "仍在处理文件，请稍候。",
        "កំពុងដំណើរការឯកសារ សូមរង់ចាំ។",
    ),
    "sync.no_folder": (
        "{path}: no such folder (is the USB stick plugged in?)",
        "{path}：文件夹不存在（U 盘插好了吗？）",
        "{path}៖ គ្មានថតនេះទេ (តើបានដោត USB ហើយឬនៅ?)",
    ),
    "sync.nothing_new": (
        "Nothing new to export. Tick “Everything” to export every response again.",
        "没有新的答卷可导出。勾选“全部”可重新导出所有答卷。",
        "គ្មានអ្វីថ្មីត្រូវនាំចេញទេ។ ធីក «ទាំងអស់» ដើម្បីនាំចេញម្តងទៀត។",
    ),
    "sync.exported": ("Written: {path}", "已写入：{path}", "បានសរសេរ៖ {path}"),
    "sync.exported_counts": (
        "{responses} response(s), {answers} answers, {paradata} paradata events (export no. {seq})",
        "{responses} 份答卷，{answers} 个答案，{paradata} 条过程数据（第 {seq} 次导出）",
        "ចម្លើយ {responses}, ចម្លើយសំណួរ {answers}, ព្រឹត្តិការណ៍ {paradata} (ការនាំចេញលេខ {seq})",
    ),
    "sync.exported_encrypted": (
        "Encrypted for {count} supervisor key(s).",
        "已为 {count} 个主管密钥加密。",
        "បានអ៊ិនគ្រីបសម្រាប់សោអ្នកគ្រប់គ្រង {count}។",
    ),
    "sync.exported_plain": (
        "NOT encrypted: keep the stick safe; delete the file once merged.",
        "未加密：请妥善保管 U 盘，合并后删除该文件。",
        "មិនបានអ៊ិនគ្រីប៖ សូមរក្សា USB ឲ្យមានសុវត្ថិភាព ហើយលុបឯកសារក្រោយពេលបញ្ចូលរួច។",
    ),
    "sync.export_failed": (
        "Export failed; nothing was marked as exported: {error}",
        "导出失败，没有答卷被标记为已导出：{error}",
        "ការនាំចេញបរាជ័យ គ្មានអ្វីត្រូវបានសម្គាល់ថាបាននាំចេញទេ៖ {error}",
    ),
    "sync.files": ("Files", "文件", "ឯកសារ"),
    "sync.files_hint": (
        ".fsx files or a folder; separate several with ;",
        ".fsx 文件或文件夹；多个用 ; 分隔",
        "ឯកសារ .fsx ឬថត; បំបែកដោយ ;",
    ),
    "sync.identity": ("Secret key", "私钥", "សោសម្ងាត់"),
    "sync.identity_hint": (
        "supervisor .key file, for encrypted files",
        "主管 .key 文件，用于加密文件",
        "ឯកសារ .key របស់អ្នកគ្រប់គ្រង សម្រាប់ឯកសារអ៊ិនគ្រីប",
    ),
    "sync.conflicts_button": ("Conflicts ({count})", "冲突（{count}）", "ជម្លោះ ({count})"),
    "sync.merging": ("Reading the files…", "正在读取文件…", "កំពុងអានឯកសារ…"),
    "sync.merging_count": (
        "Merging: {done} of {total} files done…",
        "正在合并：已完成 {done}/{total} 个文件…",
        "កំពុងបញ្ចូល៖ រួច {done}/{total} ឯកសារ…",
    ),
    "sync.no_fsx": (
        "{path}: no .fsx files there",
        "{path}：没有 .fsx 文件",
        "{path}៖ គ្មានឯកសារ .fsx ទេ",
    ),
    "sync.merge_failed": ("Merge stopped: {error}", "合并中止：{error}", "ការបញ្ចូលបានឈប់៖ {error}"),
    "sync.merged_line": (
        "{added} added, {present} already present, {updated} updated, {conflicts} conflicts",
        "新增 {added}，已有 {present}，更新 {updated}，冲突 {conflicts}",
        "បន្ថែម {added}, មានរួច {present}, កែប្រែ {updated}, ជម្លោះ {conflicts}",
    ),
    "sync.already_merged": (
        "merged before ({present} responses present)",
        "之前已合并（已有 {present} 份答卷）",
        "បានបញ្ចូលពីមុនរួចហើយ (មាន {present})",
    ),
    "sync.rejected_line": ("rejected: {reason}", "已拒绝：{reason}", "ត្រូវបានបដិសេធ៖ {reason}"),
    "sync.rejected_note": (
        "A rejected file changed nothing.",
        "被拒绝的文件没有改动任何数据。",
        "ឯកសារដែលត្រូវបានបដិសេធ មិនបានផ្លាស់ប្តូរអ្វីទេ។",
    ),
    "sync.gap": (
        "Device {device}: export file(s) {numbers} not merged yet.",
        "设备 {device}：第 {numbers} 号导出文件尚未合并。",
        "ឧបករណ៍ {device}៖ ឯកសារនាំចេញលេខ {numbers} មិនទាន់បញ្ចូលទេ។",
    ),
    "sync.conflicts_waiting": (
        "{count} interview(s) in conflict: press ctrl+k to compare and keep one version.",
        "{count} 份访问有冲突：按 ctrl+k 比较并保留一个版本。",
        "ការសម្ភាសន៍ {count} មានជម្លោះ៖ ចុច ctrl+k ដើម្បីប្រៀបធៀប និងរក្សាកំណែមួយ។",
    ),
    "sync.reason.EMPTY": ("the file is empty", "文件为空", "ឯកសារទទេ"),
    "sync.reason.NOT_ZIP": (
        "not a fieldsurvey export file",
        "不是 fieldsurvey 导出文件",
        "មិនមែនជាឯកសារនាំចេញ fieldsurvey ទេ",
    ),
    "sync.reason.ENCRYPTED_NO_IDENTITY": (
        "the file is encrypted: choose the supervisor's secret key (.key) above",
        "文件已加密：请在上方选择主管私钥（.key）",
        "ឯកសារត្រូវបានអ៊ិនគ្រីប៖ សូមជ្រើសសោសម្ងាត់ (.key) នៅខាងលើ",
    ),
    "sync.reason.WRONG_IDENTITY": (
        "the file is encrypted for another key; the chosen secret key does not open it",
        "文件是为其他密钥加密的，所选私钥无法打开",
        "ឯកសារត្រូវបានអ៊ិនគ្រីបសម្រាប់សោផ្សេង សោដែលបានជ្រើសមិនអាចបើកបានទេ",
    ),
    "sync.reason.BAD_SIGNATURE": (
        "the file was altered after it was signed",
        "文件在签名后被改动过",
        "ឯកសារត្រូវបានកែប្រែក្រោយពេលចុះហត្ថលេខា",
    ),
    "sync.pick_folder": ("Choose the folder to export to", "选择导出文件夹", "ជ្រើសថតសម្រាប់នាំចេញ"),
    "sync.pick_files": (
        "Choose export files (.fsx) to merge",
        "选择要合并的导出文件（.fsx）",
        "ជ្រើសឯកសារនាំចេញ (.fsx) ដើម្បីបញ្ចូល",
    ),
    "sync.pick_key": ("Choose a key file", "选择密钥文件", "ជ្រើសឯកសារសោ"),
    "sync.path": ("Path", "路径", "ផ្លូវ"),
    "sync.place_home": ("Home folder", "主文件夹", "ថតផ្ទះ"),
    "sync.not_found": ("not found", "未找到", "រកមិនឃើញ"),
    "sync.pick_help_files": (
        "Mark several files with space, then Enter.",
        "用空格标记多个文件，然后按回车。",
        "សម្គាល់ឯកសារច្រើនដោយ Space រួចចុច Enter។",
    ),
    "sync.pick_help_folder": (
        "Enter chooses the highlighted folder.",
        "回车选择高亮的文件夹。",
        "Enter ជ្រើសថតដែលបានរំលេច។",
    ),
    "sync.pick_help_key": (
        "Enter chooses the highlighted file.",
        "回车选择高亮的文件。",
        "Enter ជ្រើសឯកសារដែលបានរំលេច។",
    ),
    "sync.key_browse": ("Browse", "浏览", "រកមើល"),
    "sync.key_mark": ("Mark", "标记", "សម្គាល់"),
    "sync.key_open": ("Open", "打开", "បើក"),
    "sync.key_choose": ("Choose", "选择", "ជ្រើស"),
    "sync.key_up": ("Up", "上一级", "ឡើងលើ"),
    "conflicts.title": ("Conflicts", "冲突", "ជម្លោះ"),
    "conflicts.list": ("Interviews in conflict", "有冲突的访问", "ការសម្ភាសន៍ដែលមានជម្លោះ"),
    "conflicts.list_count": (
        "Interviews in conflict: {count}",
        "有冲突的访问：{count}",
        "ការសម្ភាសន៍ដែលមានជម្លោះ៖ {count}",
    ),
    "conflicts.none": (
        "No conflicts: every interview has one version.",
        "没有冲突：每份访问只有一个版本。",
        "គ្មានជម្លោះ៖ ការសម្ភាសន៍នីមួយៗមានកំណែតែមួយ។",
    ),
    "conflicts.none_detail": (
        "When a merge finds an interview edited on two devices, both versions are kept and "
        "listed here, so you can compare them and keep one.",
        "合并时如发现同一访问在两台设备上被修改，两个版本都会保留并列在这里，供您比较后保留其一。",
        "ពេលបញ្ចូលឃើញការសម្ភាសន៍ដែលបានកែលើឧបករណ៍ពីរ កំណែទាំងពីរត្រូវបានរក្សាទុក "
        "និងបង្ហាញនៅទីនេះ ដើម្បីប្រៀបធៀប ហើយរក្សាមួយ។",
    ),
    "conflicts.line": (
        "{uuid}  {versions} versions · {differing} answer(s) differ · devices {devices}",
        "{uuid}  {versions} 个版本 · {differing} 个答案不同 · 设备 {devices}",
        "{uuid}  កំណែ {versions} · ចម្លើយខុសគ្នា {differing} · ឧបករណ៍ {devices}",
    ),
    "conflicts.compare": (
        "Interview {uuid}: versions side by side",
        "访问 {uuid}：版本对照",
        "ការសម្ភាសន៍ {uuid}៖ ប្រៀបធៀបកំណែ",
    ),
    "conflicts.confirm_keep": (
        "Keep version {letter} of interview {uuid} (device {device}, saved {saved})? "
        "The other versions are set aside, not deleted.",
        "保留访问 {uuid} 的版本 {letter}（设备 {device}，保存于 {saved}）？"
        "其他版本将被搁置，不会删除。",
        "រក្សាកំណែ {letter} នៃការសម្ភាសន៍ {uuid} (ឧបករណ៍ {device}, រក្សាទុក {saved})? "
        "កំណែផ្សេងទៀតត្រូវដាក់ដោយឡែក មិនលុបទេ។",
    ),
    "conflicts.kept": (
        "Kept version {letter} of interview {uuid}.",
        "已保留访问 {uuid} 的版本 {letter}。",
        "បានរក្សាកំណែ {letter} នៃការសម្ភាសន៍ {uuid}។",
    ),
    "conflicts.failed": (
        "Could not keep the version: {error}",
        "无法保留该版本：{error}",
        "មិនអាចរក្សាកំណែបានទេ៖ {error}",
    ),
    "conflicts.version": ("Version {letter}", "版本 {letter}", "កំណែ {letter}"),
    "conflicts.differing": ("Answers that differ", "不同的答案", "ចម្លើយដែលខុសគ្នា"),
    "conflicts.in_use": ("in use", "使用中", "កំពុងប្រើ"),
    "conflicts.device": ("Device", "设备", "ឧបករណ៍"),
    "conflicts.interviewer": ("Interviewer", "访问员", "អ្នកសម្ភាសន៍"),
    "conflicts.saved": ("Saved", "保存时间", "រក្សាទុក"),
    "conflicts.revision": ("Revision", "修订", "កំណែកែប្រែ"),
    "conflicts.status": ("Status", "状态", "ស្ថានភាព"),
    "conflicts.trust": ("Trust", "信任", "ការទុកចិត្ត"),
    "conflicts.held": (
        "held: its key may not change this interview",
        "待审核：其密钥无权修改此访问",
        "កំពុងរង់ចាំ៖ កូនសោរបស់វាមិនអាចកែបទសម្ភាសន៍នេះបានទេ",
    ),
    "conflicts.status_complete": ("complete", "已完成", "បានបញ្ចប់"),
    "conflicts.status_voided": ("voided", "已作废", "បានលុបចោល"),
    "conflicts.status_refused": ("refused", "已拒绝", "បានបដិសេធ"),
    "conflicts.status_draft": ("draft", "草稿", "សេចក្តីព្រាង"),
    "conflicts.keep_a": ("Keep A", "保留 A", "រក្សា A"),
    "conflicts.keep_b": ("Keep B", "保留 B", "រក្សា B"),
    "conflicts.keep_c": ("Keep C", "保留 C", "រក្សា C"),
    "conflicts.keep_d": ("Keep D", "保留 D", "រក្សា D"),
    "cmd.conflicts": ("Open Conflicts", "打开冲突", "បើកជម្លោះ"),
    # ----- scores (Scores screen: area bars, drill-down, quadrants, awareness, messages)
    "scores.loading": ("Computing the scores…", "正在计算得分…", "កំពុងគណនាពិន្ទុ…"),
    "scores.summary": ("{responses} responses", "{responses} 份回答", "ចម្លើយ {responses}"),
    "scores.tab.areas": ("Areas", "领域", "ផ្នែក"),
    "scores.tab.groups": ("Groups", "分组", "ក្រុម"),
    "scores.tab.quadrants": ("Quadrants", "象限", "ចតុភាគ"),
    "scores.tab.awareness": ("Awareness", "知晓度", "ការយល់ដឹង"),
    "scores.key.dimension": ("Dimension", "维度", "វិមាត្រ"),
    "scores.key.refresh": ("Refresh", "刷新", "ធ្វើឱ្យថ្មី"),
    "scores.key.rejected": ("Rejected", "驳回", "បដិសេធ"),
    "scores.key.warnings": ("Warnings", "警告", "ការព្រមាន"),
    "scores.score": ("Score", "得分", "ពិន្ទុ"),
    "scores.importance": ("Importance", "重要性", "សារៈសំខាន់"),
    "scores.n": ("n {n}", "n {n}", "n {n}"),
    "scores.status.indicative": ("indicative", "仅供参考", "ប្រហាក់ប្រហែល"),
    "scores.hidden.too_few": (
        "fewer than 10 — hidden",
        "少于 10 人 — 已隐藏",
        "តិចជាង 10 នាក់ — លាក់",
    ),
    "scores.hidden.complement": (
        "hidden to protect a small group",
        "为保护小群体而隐藏",
        "លាក់ ដើម្បីការពារក្រុមតូច",
    ),
    "scores.quadrant.concentrate": ("Concentrate here", "重点改进", "ផ្តោតលើចំណុចនេះ"),
    "scores.quadrant.keep_up": ("Keep up the good work", "继续保持", "បន្តការងារល្អ"),
    "scores.quadrant.low_priority": ("Low priority", "次要", "អាទិភាពទាប"),
    "scores.quadrant.overkill": ("Possible overkill", "可能投入过度", "អាចលើសតម្រូវការ"),
    "scores.reason.no_data": ("no responses yet", "尚无回答", "មិនទាន់មានចម្លើយ"),
    "scores.reason.too_few": (
        "fewer than 10 respondents: not shown, to protect their privacy",
        "少于 10 人：为保护隐私不予显示",
        "តិចជាង 10 នាក់៖ មិនបង្ហាញ ដើម្បីការពារឯកជនភាព",
    ),
    "scores.reason.only_dk": (
        "every answer was don't know / not applicable",
        "全部回答为“不知道/不适用”",
        "ចម្លើយទាំងអស់គឺ មិនដឹង / មិនពាក់ព័ន្ធ",
    ),
    "scores.reason.mostly_dk": (
        "fewer than 10 respondents answered other than don't know",
        "除“不知道/不适用”外的回答者少于 10 人",
        "តិចជាង 10 នាក់ ដែលឆ្លើយក្រៅពី មិនដឹង / មិនពាក់ព័ន្ធ",
    ),
    "scores.reason.complement": (
        "hidden so that a smaller group cannot be worked out from the totals",
        "为避免从总数推算出小群体而隐藏",
        "លាក់ ដើម្បីកុំឱ្យគេគណនារកក្រុមតូចពីចំនួនសរុបបាន",
    ),
    "scores.reason.no_shared_items": (
        "no item is shared by all questionnaire versions",
        "各问卷版本之间没有共同题目",
        "គ្មានសំណួរដែលមានក្នុងគ្រប់កំណែកម្រងសំណួរ",
    ),
    "scores.reason.indicative_n": (
        "10 to 29 respondents: indicative only, no messages",
        "10 至 29 人：仅供参考，不提供建议信息",
        "10 ដល់ 29 នាក់៖ ប្រហាក់ប្រហែលប៉ុណ្ណោះ គ្មានសារណែនាំ",
    ),
    "scores.reason.wide_interval": (
        "interval wider than ±10 points: indicative only, no messages",
        "置信区间宽于 ±10 分：仅供参考，不提供建议信息",
        "ចន្លោះទំនុកចិត្តធំជាង ±10 ពិន្ទុ៖ ប្រហាក់ប្រហែលប៉ុណ្ណោះ គ្មានសារណែនាំ",
    ),
    "scores.messages_for": (
        "Suggested messages — {area}",
        "建议宣传信息 — {area}",
        "សារណែនាំ — {area}",
    ),
    "scores.no_messages_status": (
        "No messages: {reason}.",
        "无建议信息：{reason}。",
        "គ្មានសារណែនាំ៖ {reason}។",
    ),
    "scores.no_messages": (
        "No message suggested: this score and its importance do not call for a campaign.",
        "无建议信息：该得分及其重要性不需要专门宣传。",
        "គ្មានសារណែនាំ៖ ពិន្ទុ និងសារៈសំខាន់នេះ មិនទាមទារឱ្យមានយុទ្ធនាការទេ។",
    ),
    "scores.for_personas": ("for {personas}", "面向{personas}", "សម្រាប់{personas}"),
    "scores.channel.brochure": ("brochure", "宣传册", "ខិត្តប័ណ្ណ"),
    "scores.channel.desk_sign": ("desk sign", "窗口提示牌", "ស្លាកនៅបញ្ជរ"),
    "scores.channel.inspector_kit": ("inspector's kit", "稽查员资料包", "កញ្ចប់ឯកសារអធិការ"),
    "scores.channel.map": ("map", "地图", "ផែនទី"),
    "scores.channel.poster": ("poster", "海报", "ផ្ទាំងរូបភាព"),
    "scores.channel.radio": ("radio", "广播", "វិទ្យុ"),
    "scores.channel.social_media": ("social media", "社交媒体", "បណ្តាញសង្គម"),
    "scores.channel.web": ("website", "网站", "គេហទំព័រ"),
    "scores.dimension": ("Break down by", "分组依据", "បែងចែកតាម"),
    "scores.dim.persona": ("Client type", "服务对象类型", "ប្រភេទអតិថិជន"),
    "scores.dim.gender": ("Gender", "性别", "ភេទ"),
    "scores.dim.age_group": ("Age group", "年龄组", "ក្រុមអាយុ"),
    "scores.dim.programme": ("Programme", "险种", "កម្មវិធី"),
    "scores.dim.service_mode": ("Service mode", "办理方式", "របៀបទទួលសេវា"),
    "scores.dim.geography": ("Where they live", "居住地区", "ទីកន្លែងរស់នៅ"),
    "scores.dim.life_event": ("Life event", "生活事件", "ព្រឹត្តិការណ៍ជីវិត"),
    "scores.dim.disability": ("Disability", "残疾", "ពិការភាព"),
    "scores.dim.ict_adoption": ("Use of digital services", "数字服务使用", "ការប្រើសេវាឌីជីថល"),
    "scores.dim.income_band": ("Income", "收入", "ចំណូល"),
    "scores.dim.working_hours": ("Working hours", "工作时间", "ម៉ោងធ្វើការ"),
    "scores.dim.literacy": ("Reading difficulty", "读写困难", "ការលំបាកក្នុងការអាន"),
    "scores.gaps_title": (
        "Equity gaps: the group minus everyone else",
        "公平差距：该群体减去其他所有人",
        "គម្លាតសមធម៌៖ ក្រុម ដក អ្នកផ្សេងទៀតទាំងអស់",
    ),
    "scores.groups_legend": (
        "gap = group minus all others · * real difference (95%) · ~ indicative (10-29)",
        "差距 = 该群体减其他所有人 · * 确有差异（95%） · ~ 仅供参考（10-29 人）",
        "គម្លាត = ក្រុម ដក អ្នកផ្សេង · * ខុសគ្នាពិត (95%) · ~ ប្រហាក់ប្រហែល (10-29)",
    ),
    "scores.no_gaps": ("No gaps to show.", "没有可显示的差距。", "គ្មានគម្លាតសម្រាប់បង្ហាញ។"),
    # over a group row's note column: its n, then its equity gap
    "scores.group_note_title": ("    n   gap", "    n  差距", "    n គម្លាត"),
    "scores.no_data": (
        "No data yet.\n\nScores appear here once interviews are completed on this device or "
        "merged from other devices (Sync). Start an interview from Home with n.",
        "暂无数据。\n\n在本设备完成访问，或从其他设备合并（同步）后，这里会显示得分。"
        "可在首页按 n 开始访问。",
        "មិនទាន់មានទិន្នន័យនៅឡើយទេ។\n\nពិន្ទុនឹងបង្ហាញនៅទីនេះ នៅពេលការសម្ភាសន៍ត្រូវបានបញ្ចប់"
        "លើឧបករណ៍នេះ ឬបញ្ចូលពីឧបករណ៍ផ្សេង (សមកាលកម្ម)។ ចាប់ផ្តើមការសម្ភាសន៍ពីទំព័រដើមដោយចុច n។",
    ),
    "scores.nothing_to_score": (
        "Nothing to score.\n\nThis questionnaire has only questions: no areas of Likert "
        "items, so there are no area scores. Its answers are kept and exported as usual.",
        "没有可计算的得分。\n\n本问卷只有问题，没有李克特量表领域，因此没有领域得分。"
        "回答照常保存和导出。",
        "គ្មានអ្វីសម្រាប់គណនាពិន្ទុទេ។\n\nកម្រងសំណួរនេះមានតែសំណួរប៉ុណ្ណោះ គ្មានផ្នែកនៃធាតុលីកឺតទេ "
        "ដូច្នេះគ្មានពិន្ទុតាមផ្នែកទេ។ ចម្លើយនៅតែត្រូវបានរក្សាទុក និងនាំចេញដូចធម្មតា។",
    ),
    "scores.failed": (
        "Could not compute the scores: {error}",
        "无法计算得分：{error}",
        "មិនអាចគណនាពិន្ទុបានទេ៖ {error}",
    ),
    "scores.no_quadrants": (
        "Importance could not be estimated, so the areas have no quadrant.",
        "无法估计重要性，因此各领域没有象限。",
        "មិនអាចប៉ាន់ស្មានសារៈសំខាន់បានទេ ដូច្នេះផ្នែកនានាគ្មានចតុភាគ។",
    ),
    "scores.importance_correlation": (
        "Importance: how closely each area goes with overall satisfaction (correlation). "
        "Cross-hairs at the means.",
        "重要性：各领域与总体满意度的相关程度（相关系数）。十字线位于均值处。",
        "សារៈសំខាន់៖ កម្រិតដែលផ្នែកនីមួយៗទាក់ទងនឹងការពេញចិត្តទូទៅ (សហសម្ព័ន្ធ)។ បន្ទាត់កាត់នៅមធ្យមភាគ។",
    ),
    "scores.importance_asked": (
        "Importance: share of respondents who named the area as the most important. "
        "Cross-hairs at the means.",
        "重要性：认为该领域最重要的受访者比例。十字线位于均值处。",
        "សារៈសំខាន់៖ ភាគរយអ្នកឆ្លើយដែលចាត់ទុកផ្នែកនេះសំខាន់ជាងគេ។ បន្ទាត់កាត់នៅមធ្យមភាគ។",
    ),
    # scoring report warnings: one per WarningCode, filled with its parameters (warning_text)
    "scores.warn.no_data": (
        "No data yet: no complete responses to {questionnaire}.",
        "尚无数据：{questionnaire} 还没有完成的回答。",
        "មិនទាន់មានទិន្នន័យ៖ មិនទាន់មានចម្លើយពេញលេញសម្រាប់ {questionnaire} ទេ។",
    ),
    "scores.warn.nothing_to_score": (
        "Nothing to score: {questionnaire} has no areas of Likert items (only questions).",
        "没有可计分的内容：{questionnaire} 没有李克特量表领域（只有问题）。",
        "គ្មានអ្វីសម្រាប់គណនាពិន្ទុទេ៖ {questionnaire} មានតែសំណួរប៉ុណ្ណោះ គ្មានផ្នែកនៃធាតុលីកឺតទេ។",
    ),
    "scores.warn.versions": (
        "Responses come from questionnaire versions {versions}; only the items they share are "
        "scored. Left out: {items}.",
        "回答来自问卷版本 {versions}；只对各版本共有的题目计分。未计分：{items}。",
        "ចម្លើយមកពីកំណែកម្រងសំណួរ {versions}; មានតែសំណួររួមប៉ុណ្ណោះដែលត្រូវបានដាក់ពិន្ទុ។",
    ),
    "scores.warn.low_alpha": (
        "{area}: Cronbach's alpha is {alpha:.2f} (under {threshold:g}): its items may not "
        "measure one thing; read the score with care.",
        "{area}：Cronbach α 系数为 {alpha:.2f}（低于 {threshold:g}），请谨慎解读得分。",
        "{area}៖ Cronbach alpha គឺ {alpha:.2f} (ក្រោម {threshold:g})៖ សូមអានពិន្ទុដោយប្រុងប្រយ័ត្ន។",
    ),
    "scores.warn.unknown_language": (
        "Language {lang!r} is not in the questionnaire; using {default!r}.",
        "问卷中没有语言 {lang!r}；改用 {default!r}。",
        "",
    ),
    "scores.warn.no_weight": (
        "{count} responses have no usable weight in {question!r} and were left out.",
        "{count} 份回答在 {question!r} 中没有可用的权重，已排除。",
        "",
    ),
    "scores.warn.no_importance": (
        "Importance could not be estimated (no overall satisfaction or most-important-area "
        "answers): areas have no quadrant.",
        "无法估计重要性：各领域没有象限。",
        "មិនអាចប៉ាន់ស្មានសារៈសំខាន់បានទេ៖ ផ្នែកនានាគ្មានចតុភាគ។",
    ),
    "scores.warn.rejected": (
        "{count} responses a reviewer rejected are left out (--include-rejected brings them in).",
        "已排除 {count} 份被审核人驳回的回答（--include-rejected 可将其计入）。",
        "ចម្លើយ {count} ដែលអ្នកពិនិត្យបានបដិសេធ ត្រូវបានដកចេញ (--include-rejected ដើម្បីបញ្ចូលវិញ)។",
    ),
    "scores.warn.rejected_included": (
        "{count} responses a reviewer rejected are included.",
        "已计入 {count} 份被审核人驳回的回答。",
        "ចម្លើយ {count} ដែលអ្នកពិនិត្យបានបដិសេធ ត្រូវបានរាប់បញ្ចូល។",
    ),
    "scores.warn.round": (
        "Scores are for round {round} only; the data hold rounds {rounds}.",
        "得分仅针对轮次 {round}；数据包含轮次 {rounds}。",
        "ពិន្ទុសម្រាប់តែជុំ {round} ប៉ុណ្ណោះ; ទិន្នន័យមានជុំ {rounds}។",
    ),
    # ----- indicators (Office indicators screen: counts form, ratios)
    "indicators.new_office": ("+ New office…", "+ 新办事处…", "+ ការិយាល័យថ្មី…"),
    "indicators.new_office_name": ("New office name", "新办事处名称", "ឈ្មោះការិយាល័យថ្មី"),
    "indicators.period": ("Period", "期间", "រយៈពេល"),
    "indicators.tab.counts": ("Counts", "数量", "ចំនួន"),
    "indicators.tab.ratios": ("Ratios", "比率", "អនុបាត"),
    "indicators.form_hint": (
        "Whole numbers only; leave blank what you do not know. Enter: next field.",
        "只填整数；不清楚的留空。回车：下一项。",
        "បញ្ចូលតែចំនួនគត់; ទុកទទេបើមិនដឹង។ Enter៖ ប្រអប់បន្ទាប់។",
    ),
    "indicators.correlates": ("Correlates with: {text}", "相关因素：{text}", "ទាក់ទងនឹង៖ {text}"),
    "indicators.loading": ("Loading…", "加载中…", "កំពុងផ្ទុក…"),
    "indicators.failed": (
        "Could not read the indicators: {error}",
        "无法读取指标：{error}",
        "មិនអាចអានសូចនាករបានទេ៖ {error}",
    ),
    "indicators.saved": (
        "Saved {count} counts for {office}, {period}.",
        "已保存 {office} {period} 的 {count} 项数据。",
        "បានរក្សាទុក {count} ចំនួន សម្រាប់ {office} {period}។",
    ),
    "indicators.refused": (
        "Nothing was saved: correct the entries marked !.",
        "未保存任何数据：请更正标有 ! 的内容。",
        "មិនបានរក្សាទុកអ្វីទេ៖ សូមកែការបញ្ចូលដែលមានសញ្ញា !។",
    ),
    "indicators.problem.not_count": (
        "“{value}” is not a whole number.",
        "“{value}”不是整数。",
        "“{value}” មិនមែនជាចំនួនគត់ទេ។",
    ),
    "indicators.problem.negative": (
        "A count cannot be negative ({value}).",
        "数量不能为负数（{value}）。",
        "ចំនួនមិនអាចអវិជ្ជមានបានទេ ({value})។",
    ),
    "indicators.problem.too_large": (
        "{value} is too large to be a count.",
        "{value} 过大，不是有效的数量。",
        "{value} ធំពេកសម្រាប់ជាចំនួន។",
    ),
    "indicators.problem.bad_name": (
        "{field}: use letters, digits, spaces, '.', '_' or '-' (up to 64).",
        "{field}：只能使用字母、数字、空格、“.”、“_”或“-”（最多 64 个）。",
        "{field}៖ ប្រើអក្សរ លេខ ដកឃ្លា '.' '_' ឬ '-' (រហូតដល់ 64)។",
    ),
    "indicators.problem.nothing": (
        "Enter at least one count.",
        "请至少填写一个数量。",
        "សូមបញ្ចូលយ៉ាងហោចណាស់ចំនួនមួយ។",
    ),
    "indicators.ratio": ("Ratio", "比率", "អនុបាត"),
    "indicators.trend": ("Trend", "趋势", "និន្នាការ"),
    "indicators.better": ("better", "改善", "ប្រសើរជាង"),
    "indicators.worse": ("worse", "变差", "អាក្រក់ជាង"),
    "indicators.better_up": ("higher is better", "越高越好", "ខ្ពស់ជាងគឺល្អជាង"),
    "indicators.better_down": ("lower is better", "越低越好", "ទាបជាងគឺល្អជាង"),
    "indicators.better_context": (
        "read it in context",
        "需结合具体情况解读",
        "ត្រូវអានតាមបរិបទ",
    ),
    "indicators.na_missing": (
        "n/a: no count of “{indicator}” for {period}",
        "无法计算：{period} 没有“{indicator}”的数据",
        "n/a៖ គ្មានចំនួន “{indicator}” សម្រាប់ {period}",
    ),
    "indicators.na_zero": (
        "n/a: “{indicator}” is 0 in {period}, so the ratio is undefined",
        "无法计算：{period} 的“{indicator}”为 0，比率没有意义",
        "n/a៖ “{indicator}” ស្មើ 0 ក្នុង {period} ដូច្នេះអនុបាតមិនអាចកំណត់បាន",
    ),
    "indicators.no_counts": (
        "No counts yet for {office}. Enter them under Counts (F2) and save with Ctrl+S.",
        "{office} 尚无数据。请在“数量”（F2）中填写，并按 Ctrl+S 保存。",
        "មិនទាន់មានចំនួនសម្រាប់ {office}។ សូមបញ្ចូលនៅ ចំនួន (F2) ហើយរក្សាទុកដោយ Ctrl+S។",
    ),
}


def tr(key: str, language: str = "en", **values: object) -> str:
    """The text for `key` in `language` (English when missing), formatted with `values`."""
    texts = _TEXTS.get(key)
    if texts is None:
        return key
    index = UI_LANGUAGES.index(language) if language in UI_LANGUAGES else 0
    text = texts[index] or texts[0]
    return text.format(**values) if values else text


_BY_ENGLISH: dict[str, tuple[str, str, str]] = {}
for _texts in _TEXTS.values():
    _BY_ENGLISH.setdefault(_texts[0], _texts)


def warning_text(code: str, params: Mapping[str, object], language: str) -> str:
    """A scoring report warning (its code and parameters, from the core) in `language`; list
    parameters (versions, rounds, items: identifiers) are shown comma-separated, and a round
    "" (responses without one) as "(no round)" in `language`."""

    def named(value: object) -> object:
        return tr("rounds.none", language) if code == "round" and value == "" else value

    values = {
        name: ", ".join(str(named(v)) for v in value) if isinstance(value, list) else named(value)
        for name, value in params.items()
    }
    return tr(f"scores.warn.{code}", language, **values)


def quality_text(
    code: str,
    params: Mapping[str, object],
    language: str,
    areas: Mapping[str, str] | None = None,
) -> str:
    """A quality flag's reason (its code and numbers, from `fieldsurvey.quality`) in
    `language`; parameters named `..._s` are durations in seconds, and an `area` id is shown
    by its label in `areas` (area id -> label in `language`) when given."""
    values = {
        name: duration_text(value, language)
        if name.endswith("_s") and isinstance(value, int | float)
        else value
        for name, value in params.items()
    }
    if areas and isinstance(values.get("area"), str):
        values["area"] = areas.get(str(values["area"]), values["area"])
    return tr(f"quality.reason.{code}", language, **values)


def duration_text(seconds: float, language: str) -> str:
    whole = round(seconds)
    if whole < 60:
        return tr("quality.seconds", language, s=whole)
    return tr("quality.duration", language, m=whole // 60, s=whole % 60)


def tr_english(text: str, language: str) -> str:
    """Translate a text known by its English wording (binding descriptions in the footer)."""
    texts = _BY_ENGLISH.get(text)
    if texts is None or language not in UI_LANGUAGES:
        return text
    return texts[UI_LANGUAGES.index(language)] or text


def pad(text: str, width: int) -> str:
    """Pad to `width` terminal cells: Chinese characters take two cells, Khmer marks none."""
    return text + " " * max(0, width - cell_len(text))
