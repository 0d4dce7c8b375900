"""Recall of LANG001 on short Latin-script lines in other languages, and its false alarms
on short English lines: the hard part of language detection on chat data.

    python benchmarks/langid_latin.py

The lines below were written for this benchmark on 2026-11-30, after the detector's
thresholds were set, and nothing has been tuned on them: they are a held-out set. Keep it
that way (a change to the detector is tuned on other lines, then measured here). Each
language has support-chat lines of 3 to 15 words, about half under 40 characters. English
lines: those of `langid_scripts.py` (the samples' sentences and lines, and short chat
lines). Reported: per language, the share of its lines LANG001 flags with
`languages = ["en"]`; all lines and lines of >= 40 characters (issue 14's target: >= 0.85
on those); and the share of English lines flagged (target <= 0.5%).
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from langid_scripts import flagged_share, print_english_false_alarms

LONG = 40
LINES = {
    "es": ["Hola, buenas tardes", "Mi pedido no ha llegado todavía",
           "¿Pueden devolverme el dinero?", "La aplicación se cierra cada vez que la abro",
           "Quiero cambiar la dirección de envío de mi último pedido",
           "Gracias por la ayuda", "No puedo iniciar sesión desde ayer por la noche",
           "¿Cuándo estará disponible otra vez la talla mediana?"],
    "fr": ["Bonjour, merci beaucoup", "Ma commande n'est toujours pas arrivée",
           "Je voudrais être remboursé", "Le colis est arrivé abîmé et il manque une pièce",
           "Comment changer mon mot de passe ?", "C'est parfait, merci",
           "Je n'arrive plus à me connecter à mon compte depuis hier",
           "Pouvez-vous annuler mon abonnement avant la fin du mois ?"],
    "de": ["Vielen Dank für die schnelle Hilfe", "Wo ist meine Bestellung?",
           "Ich möchte mein Geld zurück", "Das Paket ist leider beschädigt angekommen",
           "Wie kann ich mein Passwort ändern?", "Alles klar, danke",
           "Die Rechnung stimmt nicht, mir wurde zweimal abgebucht",
           "Können Sie die Lieferadresse noch ändern?"],
    "it": ["Grazie mille", "Il mio ordine non è ancora arrivato", "Vorrei un rimborso",
           "Il pacco è arrivato danneggiato e manca un pezzo",
           "Come posso cambiare la password?", "Va bene, grazie",
           "Non riesco ad accedere al mio account da ieri sera",
           "Potete annullare il mio abbonamento prima del rinnovo?"],
    "pt": ["Muito obrigado", "Meu pedido ainda não chegou", "Quero o meu dinheiro de volta",
           "A encomenda chegou danificada e falta uma peça",
           "Como faço para mudar a minha senha?", "Tudo certo, obrigada",
           "Não consigo entrar na minha conta desde ontem à noite",
           "Vocês podem cancelar a assinatura antes da renovação?"],
    "nl": ["Hartelijk dank", "Waar blijft mijn bestelling?", "Ik wil mijn geld terug",
           "Het pakket is beschadigd aangekomen en er ontbreekt een onderdeel",
           "Hoe kan ik mijn wachtwoord wijzigen?", "Prima, bedankt",
           "Ik kan sinds gisteravond niet meer inloggen op mijn account",
           "Kunnen jullie mijn abonnement opzeggen voor de verlenging?"],
    "sv": ["Tack så mycket", "Var är min beställning?", "Jag vill ha pengarna tillbaka",
           "Paketet kom fram skadat och en del saknas",
           "Hur ändrar jag mitt lösenord?", "Okej, tack",
           "Jag kan inte logga in på mitt konto sedan igår kväll",
           "Kan ni säga upp min prenumeration innan den förnyas?"],
    "tr": ["Çok teşekkürler", "Siparişim hâlâ gelmedi", "Paramı geri istiyorum",
           "Paket hasarlı geldi ve bir parça eksik",
           "Şifremi nasıl değiştirebilirim?", "Tamam, teşekkürler",
           "Dün akşamdan beri hesabıma giriş yapamıyorum",
           "Aboneliğimi yenilenmeden önce iptal edebilir misiniz?"],
    "id": ["Terima kasih banyak", "Pesanan saya belum sampai", "Saya mau uang saya kembali",
           "Paketnya datang dalam keadaan rusak dan ada bagian yang hilang",
           "Bagaimana cara mengganti kata sandi saya?", "Oke, makasih",
           "Saya tidak bisa masuk ke akun saya sejak kemarin malam",
           "Bisakah langganan saya dibatalkan sebelum diperpanjang?"],
    "pl": ["Dziękuję bardzo", "Moje zamówienie jeszcze nie dotarło", "Chcę zwrotu pieniędzy",
           "Paczka przyszła uszkodzona i brakuje jednej części",
           "Jak mogę zmienić hasło?", "Dobrze, dzięki",
           "Od wczoraj wieczorem nie mogę zalogować się na konto",
           "Czy możecie anulować moją subskrypcję przed odnowieniem?"],
    "vi": ["Cảm ơn bạn nhiều", "Đơn hàng của tôi vẫn chưa đến", "Tôi muốn được hoàn tiền",
           "Gói hàng bị hỏng và thiếu một bộ phận",
           "Làm thế nào để đổi mật khẩu?", "Được rồi, cảm ơn",
           "Tôi không thể đăng nhập vào tài khoản từ tối hôm qua",
           "Bạn có thể hủy gói đăng ký trước khi gia hạn không?"],
    "fi": ["Kiitos paljon", "Tilaukseni ei ole vielä saapunut", "Haluan rahani takaisin",
           "Paketti saapui vahingoittuneena ja yksi osa puuttuu",
           "Miten vaihdan salasanani?", "Selvä, kiitos",
           "En ole päässyt kirjautumaan tililleni eilisillasta lähtien",
           "Voitteko peruuttaa tilaukseni ennen sen uusimista?"],
}  # fmt: skip


def main() -> None:
    print(f"language  flagged / lines   (lines of >= {LONG} characters)")
    totals = {"all": [0, 0], "long": [0, 0]}
    for code, lines in LINES.items():
        hit, n = flagged_share(lines)
        long_lines = [line for line in lines if len(line) >= LONG]
        long_hit, long_n = flagged_share(long_lines)
        for key, (h, m) in (("all", (hit, n)), ("long", (long_hit, long_n))):
            totals[key][0] += h
            totals[key][1] += m
        print(f"  {code:6}  {hit:3} / {n:<3} {hit / n:6.1%}   {long_hit} / {long_n}")
    for key, label in (("all", "all lines"), ("long", f">= {LONG} chars")):
        hit, n = totals[key]
        print(f"  {label:<14} {hit:3} / {n:<3} {hit / n:6.1%}")
    print_english_false_alarms()


if __name__ == "__main__":
    main()
