"""Recall of LANG001 on short lines in scripts that English is not written in, and its
false alarms on short English lines.

    python benchmarks/langid_scripts.py

The lines below were written for this benchmark (greetings, chat replies, support
questions: 1 to 10 words), not taken from any text the detectors were tuned on; the script
test has one parameter (a script holds half the letters), set before these lines existed.
English lines: every sentence and every line of the two samples' inputs and outputs, and
the short chat lines below (greetings, product names, code). Reported: per language, the
share of its lines LANG001 flags with `languages = ["en"]` (target >= 0.90 at any length);
and the share of English lines flagged (target <= 0.5%).
"""

from __future__ import annotations

import json
import re
import tempfile
from pathlib import Path

from curate.io import read_dataset
from curate.lint.engine import run_lint
from curate.schemas.settings import CurateSettings, LintSettings

ROOT = Path(__file__).resolve().parents[1]
LINES = {
    "ru": ["Привет", "Спасибо большое!", "Где мой заказ?", "Когда придёт посылка?",
           "Не могу войти в аккаунт", "Верните деньги, пожалуйста", "Всё работает, спасибо",
           "Как отменить подписку?", "Доставка задерживается уже неделю", "Ок"],
    "uk": ["Дякую", "Де моє замовлення?", "Добрий день!", "Не працює оплата карткою",
           "Коли буде повернення коштів?", "Все добре", "Як змінити адресу доставки?"],
    "ar": ["مرحبا", "شكرا جزيلا", "أين طلبي؟", "لم يصل الطرد بعد", "أريد استرداد المال",
           "كيف ألغي الاشتراك؟", "الموقع لا يعمل", "حسنا"],
    "fa": ["سلام", "ممنون", "سفارش من کجاست؟", "پرداخت انجام نشد", "لطفا کمک کنید",
           "چطور رمز عبور را عوض کنم؟"],
    "hi": ["नमस्ते", "धन्यवाद", "मेरा ऑर्डर कहाँ है?", "पैसे वापस चाहिए", "लॉगिन नहीं हो रहा",
           "डिलीवरी कब होगी?", "ठीक है"],
    "bn": ["ধন্যবাদ", "আমার অর্ডার কোথায়?", "টাকা ফেরত চাই", "ঠিক আছে"],
    "ta": ["வணக்கம்", "நன்றி", "என் ஆர்டர் எங்கே?", "பணம் திரும்ப வேண்டும்", "சரி",
           "உள்நுழைய முடியவில்லை"],
    "or": ["ନମସ୍କାର", "ଧନ୍ୟବାଦ", "ମୋ ଅର୍ଡର କେଉଁଠି?", "ଟଙ୍କା ଫେରସ୍ତ ଦରକାର"],
    "zh": ["你好", "谢谢", "我的订单在哪里？", "我要退款", "无法登录账户", "什么时候发货？",
           "好的"],
    "ja": ["こんにちは", "ありがとうございます", "注文はどこですか？", "返金してください",
           "ログインできません", "了解です"],
    "ko": ["안녕하세요", "감사합니다", "제 주문은 어디에 있나요?", "환불해 주세요",
           "로그인이 안 돼요", "네"],
    "el": ["Γεια σας", "Ευχαριστώ", "Πού είναι η παραγγελία μου;", "Θέλω επιστροφή χρημάτων"],
    "he": ["שלום", "תודה רבה", "איפה ההזמנה שלי?", "אני רוצה החזר כספי", "בסדר"],
    "th": ["สวัสดีครับ", "ขอบคุณค่ะ", "คำสั่งซื้อของฉันอยู่ที่ไหน", "ขอคืนเงินด้วย"],
}  # fmt: skip
ENGLISH_SHORT = [
    "hi", "thanks!", "ok thx", "Hello there 👋", "Sure, no problem.", "Got it — thanks!",
    "See you", "LGTM", "Order #FW-123456", "iPhone 15 Pro", "Café Mocha, large",
    "Jalapeño poppers?", "naïve Bayes", "résumé attached", "“Quoted” text", "x = α + β",
    "def foo(): return 42", "SELECT * FROM users;", "€20 off", "Zoë's account",
    "Crème brûlée", "Björk tickets", "Tokyo 東京 trip", "Deliver to São Paulo",
]  # fmt: skip


def flagged_share(lines: list[str]) -> tuple[int, int]:
    """(flagged, total) of `lines` as outputs of records with an English input."""
    with tempfile.TemporaryDirectory() as folder:
        data = Path(folder) / "d.jsonl"
        data.write_text(
            "".join(
                json.dumps({"id": str(i), "input": "Can you help me with this?", "output": line},
                           ensure_ascii=False) + "\n"
                for i, line in enumerate(lines)
            ),
            encoding="utf-8",
        )  # fmt: skip
        settings = CurateSettings(lint=LintSettings(select=["LANG001"], languages=["en"]))
        report = run_lint(read_dataset([data]), settings)
    return len({r for f in report.findings for r in f.records}), len(lines)


def english_lines() -> list[str]:
    """Short English lines, and the samples' texts cut into sentences and lines (records
    planted as another language, or as replies in another language, left out)."""
    found = list(ENGLISH_SHORT)
    for sample in ("support_tickets.jsonl", "demo/tickets.jsonl"):
        planted = json.loads((ROOT / "samples" / sample).with_name("planted.json").read_text())
        foreign = {
            rid for p in planted if p["kind"] in ("non_english", "lang_mismatch")
            for rid in p["ids"]
        }  # fmt: skip
        for raw in (ROOT / "samples" / sample).read_text(encoding="utf-8").splitlines():
            record = json.loads(raw)
            if record.get("id") in foreign:
                continue
            text = f"{record.get('input', '')}\n{record.get('output', '')}"
            pieces = re.split(r"(?<=[.!?])\s+|\n+", text)
            found += [p.strip() for p in pieces if p.strip()]
    return found


def main() -> None:
    total_hit = total = 0
    print("language  flagged / lines")
    for code, lines in LINES.items():
        hit, n = flagged_share(lines)
        total_hit, total = total_hit + hit, total + n
        print(f"  {code:6}  {hit:3} / {n:<3} {hit / n:6.1%}")
    print(f"  all     {total_hit:3} / {total:<3} {total_hit / total:6.1%}   (target >= 90%)")
    print_english_false_alarms()


def print_english_false_alarms() -> None:
    """The share of the English lines LANG001 flags, against the issue's target."""
    hit, n = flagged_share(english_lines())
    print(f"English lines flagged: {hit} / {n} = {hit / n:.2%}   (target <= 0.5%)")


if __name__ == "__main__":
    main()
