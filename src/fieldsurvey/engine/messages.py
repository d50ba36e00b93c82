"""Built-in messages in every interview language, and picking a text's language.

A questionnaire's own `constraint_message` wins; these cover what the file does not say
(wrong type, required, not applicable). English is the fallback for a language missing here.
The Khmer texts want a review by a native speaker before fieldwork.
"""

from __future__ import annotations

CATALOGUE: dict[str, dict[str, str]] = {
    "required": {
        "en": "This answer is required",
        "zh": "此题必须回答",
        "km": "សំណួរនេះត្រូវតែឆ្លើយ",
    },
    "constraint": {
        "en": "This answer is not valid",
        "zh": "答案无效",
        "km": "ចម្លើយនេះមិនត្រឹមត្រូវទេ",
    },
    "not_relevant": {
        "en": "This question does not apply to this respondent",
        "zh": "此题不适用于该受访者",
        "km": "សំណួរនេះមិនពាក់ព័ន្ធនឹងអ្នកឆ្លើយនេះទេ",
    },
    "unknown_question": {
        "en": "There is no such question in this questionnaire",
        "zh": "本问卷中没有这个问题",
        "km": "មិនមានសំណួរនេះនៅក្នុងកម្រងសំណួរទេ",
    },
    "no_answer": {
        "en": "This item takes no answer",
        "zh": "此项无需回答",
        "km": "ធាតុនេះមិនត្រូវការចម្លើយទេ",
    },
    "select_one": {
        "en": "Choose one of the listed options",
        "zh": "请选择所列选项之一",
        "km": "សូមជ្រើសរើសជម្រើសមួយក្នុងបញ្ជី",
    },
    "select_multiple": {
        "en": "Choose only listed options",
        "zh": "请只选择所列选项",
        "km": "សូមជ្រើសរើសតែជម្រើសក្នុងបញ្ជីប៉ុណ្ណោះ",
    },
    "rank": {
        "en": "Put every listed option in order, each once",
        "zh": "请将所列选项全部排序，每项只出现一次",
        "km": "សូមតម្រៀបជម្រើសទាំងអស់ក្នុងបញ្ជី ម្តងមួយៗ",
    },
    "integer": {
        "en": "Enter a whole number",
        "zh": "请输入整数",
        "km": "សូមបញ្ចូលចំនួនគត់",
    },
    "decimal": {
        "en": "Enter a number",
        "zh": "请输入数字",
        "km": "សូមបញ្ចូលលេខ",
    },
    "too_large": {
        "en": "This number is too large",
        "zh": "数字太大",
        "km": "លេខនេះធំពេក",
    },
    "date": {
        "en": "Enter a date as YYYY-MM-DD",
        "zh": "请按 YYYY-MM-DD 格式输入日期",
        "km": "សូមបញ្ចូលកាលបរិច្ឆេទជាទម្រង់ YYYY-MM-DD",
    },
    "text": {
        "en": "Enter text",
        "zh": "请输入文字",
        "km": "សូមបញ្ចូលអត្ថបទ",
    },
    "text_too_long": {
        "en": "Keep the text under {limit} characters",
        "zh": "文字不能超过 {limit} 个字符",
        "km": "អត្ថបទមិនត្រូវលើសពី {limit} តួអក្សរទេ",
    },
    "likert": {
        "en": "Choose a point on the scale, or don't know",
        "zh": "请选择量表上的一个点，或选择“不知道”",
        "km": "សូមជ្រើសរើសចំណុចមួយលើមាត្រដ្ឋាន ឬ «មិនដឹង»",
    },
}
"""Message code -> language -> text; `{name}` placeholders are filled by `builtin_message`."""


def builtin_message(code: str, language: str, **params: object) -> str:
    texts = CATALOGUE[code]
    return (texts.get(language) or texts["en"]).format(**params)
