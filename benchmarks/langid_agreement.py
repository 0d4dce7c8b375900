"""Agreement and speed of `curate.langid.detect_languages` against full langdetect.

    python benchmarks/langid_agreement.py [FILES...]

Reads the inputs and outputs of FILES (default: the three sample files below) with
`curate.io.read_dataset`, adds a built-in multilingual set (40 short paragraphs in each of
es, de, fr, it, pt and nl, written for this benchmark) and a smaller set of other texts
(neighbouring languages the function-word test must not answer, other scripts, languages
outside its lists, code), and compares `detect_languages` with langdetect run on every text
(`detect_langs`, `DetectorFactory.seed = 0`: the reference).

It prints, per group of texts and in total: texts/s of both and their ratio, the share of
texts the cheap function-word test answered, agreement with langdetect's top answer on every
confident answer (by method), how many of langdetect's confident answers are also confident
here, accuracy against the known language of the built-in paragraphs, and the list of
disagreements.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import polars as pl
from langdetect import DetectorFactory, detect_langs
from langdetect.lang_detect_exception import LangDetectException

from curate.io import read_dataset
from curate.langid import LanguageParams, detect_languages

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_FILES = [
    ROOT / "samples" / "support_tickets.jsonl",
    ROOT / "samples" / "alpaca.jsonl",
    ROOT / "samples" / "chat_messages.jsonl",
]

# Built-in paragraphs: one per blank-line separated block, written for this benchmark.

_ES = """
Hice un pedido la semana pasada y todavía no ha llegado. El número de seguimiento no muestra
ningún movimiento desde el lunes. ¿Podrían decirme qué está pasando con mi paquete?

Quiero devolver unas zapatillas que me quedan pequeñas. Las compré hace diez días y no las
he usado. ¿Tengo que pagar yo el envío de la devolución?

Me han cobrado dos veces la misma factura este mes. Adjunto una captura del extracto
bancario para que lo comprobéis. Os agradecería que me devolvierais el importe duplicado
cuanto antes.

Gracias por tu mensaje. Hemos revisado tu cuenta y el cargo repetido ya está anulado. Verás
el reembolso en tu tarjeta en un plazo de tres a cinco días hábiles.

Mañana por la mañana va a llover en casi todo el norte del país. Las temperaturas bajarán
unos cinco grados respecto a hoy. Conviene llevar paraguas si tienes que salir temprano.

Para preparar una buena tortilla de patatas necesitas huevos, patatas, aceite de oliva y
sal. Algunas personas le añaden cebolla, aunque otras prefieren no hacerlo. Lo importante es
freír las patatas a fuego lento.

El museo abre todos los días excepto los lunes. La entrada es gratuita para los menores de
dieciocho años y para los estudiantes. Os recomiendo reservar la visita guiada con
antelación porque suele llenarse.

No consigo iniciar sesión en la aplicación desde que cambié de teléfono. Me dice que la
contraseña es incorrecta, pero estoy seguro de que es la buena. ¿Me podéis ayudar a
recuperar el acceso?

Mi hermano y yo fuimos al concierto el sábado por la noche. El sonido era muy bueno y el
grupo tocó casi dos horas sin parar. Fue una de las mejores noches del verano.

La reunión del equipo se ha movido al jueves a las diez. Por favor, traed los informes de
ventas del último trimestre. Si alguien no puede asistir, que me avise antes del miércoles.

Estoy buscando un piso de dos habitaciones cerca del centro. Mi presupuesto no es muy alto,
pero necesito que tenga ascensor. ¿Conoces alguna agencia que sea de fiar?

El producto llegó en perfecto estado y funciona muy bien. La batería dura más de lo que
esperaba y la pantalla se ve con mucha claridad. Sin duda lo volvería a comprar.

Lamentamos mucho las molestias causadas por el retraso. Te enviaremos un nuevo paquete sin
ningún coste adicional. Si el primero llega más tarde, puedes quedártelo o rechazarlo en la
entrega.

Los niños pasaron toda la tarde jugando en el parque con sus amigos. Cuando volvieron a casa
estaban cansados pero muy contentos. Cenaron pronto y se fueron a dormir enseguida.

Para cambiar la dirección de envío, entra en tu cuenta y abre la sección de pedidos. Allí
verás un botón que dice editar dirección. Ten en cuenta que solo se puede cambiar antes de
que el pedido salga del almacén.

Este año queremos viajar a Portugal en septiembre. Nos han dicho que Lisboa es preciosa y
que la comida es excelente. ¿Qué barrios nos recomendarías para alojarnos?

La biblioteca municipal ha ampliado su horario durante la época de exámenes. Ahora cierra a
medianoche de lunes a viernes. Además, han añadido más enchufes en la sala de estudio.

He leído las condiciones de la garantía, pero no me queda claro si cubre los daños por agua.
El reloj dejó de funcionar después de una tarde en la piscina. ¿Qué opciones tengo?

Nuestro horario de atención al cliente es de nueve de la mañana a seis de la tarde. Durante
los fines de semana solo respondemos por correo electrónico. Intentamos contestar todas las
consultas en menos de veinticuatro horas.

Mi abuela siempre decía que el mejor remedio para un mal día era un paseo junto al mar.
Todavía pienso en ella cada vez que veo las olas. Creo que tenía toda la razón.

El tren de las ocho salió con veinte minutos de retraso por una avería en la vía. Muchos
pasajeros llegaron tarde al trabajo. La compañía ha prometido compensar a los afectados.

¿Podrías explicarme la diferencia entre una cuenta corriente y una cuenta de ahorro? Quiero
abrir una para mi hija, que empieza la universidad. No sé cuál le conviene más.

Necesito cancelar mi suscripción porque ya no uso el servicio. He intentado hacerlo desde la
web, pero el botón no funciona. Por favor, confirmadme la baja por escrito.

El jardín está lleno de flores desde que llegó la primavera. Las rosas del fondo son las que
más me gustan. Cada mañana salgo a regarlas antes de desayunar.

Hemos actualizado nuestra política de privacidad para explicar mejor cómo usamos tus datos.
No vendemos tu información a terceros. Puedes consultar todos los cambios en la página de
ayuda.

El médico me ha dicho que tengo que hacer más ejercicio y comer menos sal. Voy a empezar a
caminar media hora cada día. Espero notar la diferencia en unas semanas.

La película empieza a las nueve y media, así que podemos cenar antes. Hay un restaurante
italiano al lado del cine que está muy bien. ¿Te parece si quedamos allí a las ocho?

El paquete indica que fue entregado, pero no lo he recibido. Ninguno de mis vecinos lo tiene
y tampoco estaba en el buzón. ¿Podéis abrir una investigación con la empresa de transporte?

Aprender un idioma nuevo requiere paciencia y práctica diaria. No hace falta estudiar muchas
horas seguidas. Es mejor dedicar un poco de tiempo todos los días.

La empresa ha contratado a cuarenta personas nuevas este año. La mayoría trabajarán en el
departamento de tecnología. El director cree que el crecimiento continuará el próximo año.

Te escribo para darte las gracias por la ayuda de ayer. Sin tu explicación no habría podido
terminar el proyecto a tiempo. Te debo un café.

Si el aparato no enciende, comprueba primero que el cable esté bien conectado. Después
mantén pulsado el botón de encendido durante diez segundos. Si sigue sin funcionar, contacta
con nosotros.

En mi pueblo las fiestas se celebran a mediados de agosto. Hay música en la plaza, fuegos
artificiales y una comida para todos los vecinos. Es el momento del año en que más gente
vuelve a casa.

La factura que recibí tiene un error en el nombre de la empresa. Necesito que la corrijáis
para poder presentarla en la contabilidad. Os paso los datos correctos a continuación.

Los científicos han descubierto una nueva especie de rana en la selva. Es tan pequeña que
cabe en la punta de un dedo. Todavía no saben cuántos ejemplares quedan en libertad.

Compré un regalo para el cumpleaños de mi madre, pero ella ya lo tenía. ¿Es posible
cambiarlo por otro artículo del mismo precio? Todavía tengo el ticket de compra.

Ayer se fue la luz en todo el barrio durante casi tres horas. Los semáforos dejaron de
funcionar y hubo bastante tráfico. Por suerte no hubo ningún accidente.

El curso en línea tiene doce módulos y se puede hacer a tu ritmo. Al final de cada módulo
hay un pequeño examen. Cuando los termines todos, recibirás un certificado.

Nos alegra saber que estás contento con tu compra. Si tienes un momento, nos ayudaría mucho
que dejaras una opinión en la web. Así otros clientes pueden decidir con más información.

He perdido las llaves de casa y no sé dónde pueden estar. Ya he buscado en el coche, en la
oficina y en todos los bolsillos. Voy a llamar a un cerrajero si no aparecen esta tarde.
"""

_DE = """
Ich habe vor zwei Wochen eine Jacke bestellt, aber das Paket ist immer noch nicht
angekommen. Die Sendungsverfolgung zeigt seit Tagen keinen neuen Status. Können Sie bitte
nachsehen, wo meine Bestellung ist?

Vielen Dank für Ihre Nachricht. Wir haben die doppelte Abbuchung geprüft und den Betrag
bereits erstattet. Das Geld sollte in drei bis fünf Werktagen auf Ihrem Konto sein.

Morgen wird es im Süden sonnig und warm, im Norden bleibt es dagegen bewölkt. Am Abend
können einzelne Gewitter auftreten. Die Temperaturen liegen zwischen achtzehn und
sechsundzwanzig Grad.

Ich möchte mein Abonnement kündigen, weil ich den Dienst kaum noch nutze. Auf der Webseite
finde ich leider keinen passenden Knopf dafür. Bitte bestätigen Sie mir die Kündigung per
E-Mail.

Für einen guten Kartoffelsalat braucht man festkochende Kartoffeln, Zwiebeln, Essig und
Brühe. Viele Familien haben ihr eigenes Rezept. Meine Großmutter gab immer noch etwas Senf
dazu.

Der Zug nach Hamburg fällt heute wegen einer Störung aus. Reisende werden gebeten, den
nächsten Regionalzug zu nehmen. Die Fahrkarten behalten ihre Gültigkeit.

Wir sind am Wochenende mit den Kindern in die Berge gefahren. Das Wetter war herrlich und
wir sind fast den ganzen Tag gewandert. Abends waren alle müde, aber glücklich.

Das Gerät lässt sich nicht mehr einschalten, obwohl der Akku voll geladen ist. Ich habe es
schon mehrmals neu gestartet. Fällt das noch unter die Garantie?

Die Besprechung wurde auf Donnerstag um zehn Uhr verschoben. Bitte bringen Sie die Zahlen
vom letzten Quartal mit. Wer nicht teilnehmen kann, sagt bitte bis Mittwoch Bescheid.

Ich suche eine Wohnung mit zwei Zimmern in der Nähe der Innenstadt. Sie sollte einen Balkon
haben und nicht zu teuer sein. Kennst du vielleicht einen guten Makler?

Es tut uns sehr leid, dass Ihre Lieferung beschädigt angekommen ist. Wir schicken Ihnen
kostenlos einen Ersatz. Das beschädigte Produkt müssen Sie nicht zurücksenden.

Die Bibliothek hat während der Prüfungszeit länger geöffnet. Von Montag bis Freitag kann man
jetzt bis Mitternacht lernen. Außerdem gibt es im Lesesaal mehr Steckdosen als früher.

Um die Lieferadresse zu ändern, melden Sie sich in Ihrem Konto an und öffnen Sie die
Bestellübersicht. Dort finden Sie die Option Adresse bearbeiten. Änderungen sind nur
möglich, solange die Bestellung noch nicht versandt wurde.

Mein Bruder und ich waren gestern Abend im Konzert. Die Band hat fast zwei Stunden gespielt
und der Klang war ausgezeichnet. Es war einer der schönsten Abende in diesem Sommer.

Ich habe die Rechnung erhalten, aber der Firmenname ist falsch geschrieben. Könnten Sie die
Rechnung bitte korrigieren und mir erneut zusenden? Die richtigen Daten stehen unten.

Eine neue Sprache zu lernen braucht Zeit und Geduld. Man muss nicht stundenlang am Stück
lernen. Besser ist es, jeden Tag ein wenig zu üben.

Der Arzt hat mir geraten, mich mehr zu bewegen und weniger Salz zu essen. Ab morgen gehe ich
jeden Tag eine halbe Stunde spazieren. Hoffentlich merke ich bald einen Unterschied.

Laut Sendungsverfolgung wurde das Paket zugestellt, aber ich habe nichts bekommen. Auch bei
den Nachbarn ist es nicht abgegeben worden. Können Sie bitte einen Nachforschungsauftrag
beim Versanddienst stellen?

Unser Kundenservice ist von Montag bis Freitag zwischen neun und achtzehn Uhr erreichbar. Am
Wochenende beantworten wir Anfragen nur per E-Mail. Wir bemühen uns, jede Nachricht
innerhalb eines Tages zu beantworten.

Im Frühling ist unser Garten voller Blumen. Am liebsten mag ich die Rosen an der hinteren
Mauer. Jeden Morgen gieße ich sie, bevor ich frühstücke.

Das Unternehmen hat in diesem Jahr vierzig neue Mitarbeiter eingestellt. Die meisten
arbeiten in der IT-Abteilung. Der Geschäftsführer rechnet damit, dass das Wachstum
weitergeht.

Kannst du mir erklären, wie man ein Konto bei dieser Bank eröffnet? Meine Tochter fängt im
Herbst mit dem Studium an. Sie braucht dafür ein eigenes Girokonto.

Ich wollte mich noch einmal für deine Hilfe bedanken. Ohne deine Erklärung hätte ich das
Projekt nicht rechtzeitig fertig bekommen. Ich lade dich nächste Woche auf einen Kaffee ein.

Wenn das Gerät nicht startet, prüfen Sie zuerst, ob das Kabel richtig eingesteckt ist.
Halten Sie dann den Einschaltknopf zehn Sekunden lang gedrückt. Falls es danach immer noch
nicht funktioniert, melden Sie sich bei uns.

Wissenschaftler haben im Regenwald eine neue Froschart entdeckt. Das Tier ist so klein, dass
es auf eine Fingerspitze passt. Wie viele Exemplare es noch gibt, ist bisher unklar.

Ich habe ein Geschenk für meine Mutter gekauft, aber sie hatte es schon. Kann ich es gegen
einen anderen Artikel zum gleichen Preis umtauschen? Den Kassenbon habe ich noch.

Gestern war im ganzen Viertel fast drei Stunden lang der Strom weg. Die Ampeln sind
ausgefallen und es gab viel Verkehr. Zum Glück ist niemand verletzt worden.

Der Onlinekurs besteht aus zwölf Modulen, die man in seinem eigenen Tempo bearbeiten kann.
Am Ende jedes Moduls gibt es einen kurzen Test. Wer alle Module abschließt, bekommt ein
Zertifikat.

Wir freuen uns, dass Sie mit Ihrem Einkauf zufrieden sind. Wenn Sie einen Moment Zeit haben,
würden wir uns über eine Bewertung freuen. So helfen Sie anderen Kunden bei ihrer
Entscheidung.

Ich habe meinen Hausschlüssel verloren und weiß nicht, wo er sein könnte. Im Auto und im
Büro habe ich schon gesucht. Wenn er bis heute Abend nicht auftaucht, rufe ich einen
Schlüsseldienst.

Wir haben unsere Datenschutzerklärung überarbeitet, damit sie verständlicher ist. Ihre Daten
werden nicht an Dritte verkauft. Alle Änderungen finden Sie auf unserer Hilfeseite.

Das Museum ist täglich außer montags geöffnet. Kinder und Studierende haben freien Eintritt.
Für die Führungen sollte man sich vorher anmelden, weil sie oft ausgebucht sind.

In meinem Dorf wird Mitte August ein großes Fest gefeiert. Es gibt Musik auf dem Marktplatz,
ein Feuerwerk und ein gemeinsames Essen. Viele, die weggezogen sind, kommen dann nach Hause.

Seit ich ein neues Handy habe, kann ich mich nicht mehr in der App anmelden. Das Passwort
wird angeblich nicht erkannt, obwohl ich sicher bin, dass es stimmt. Wie bekomme ich wieder
Zugriff auf mein Konto?

Der Film fängt um halb zehn an, also können wir vorher noch essen gehen. Neben dem Kino gibt
es ein gutes italienisches Restaurant. Sollen wir uns um acht Uhr dort treffen?

Die Kinder haben den ganzen Nachmittag mit ihren Freunden im Park gespielt. Als sie nach
Hause kamen, waren sie müde und zufrieden. Nach dem Abendessen sind sie sofort
eingeschlafen.

Das Produkt kam in einwandfreiem Zustand an und funktioniert sehr gut. Der Akku hält länger
als erwartet und das Display ist sehr scharf. Ich würde es jederzeit wieder kaufen.

Ich habe die Garantiebedingungen gelesen, verstehe aber nicht, ob Wasserschäden abgedeckt
sind. Die Uhr funktioniert seit einem Nachmittag im Schwimmbad nicht mehr. Welche
Möglichkeiten habe ich jetzt?

Nächsten Sommer möchten wir nach Italien reisen. Freunde haben uns erzählt, dass die Küste
in Apulien wunderschön ist. Welche Orte würdest du uns empfehlen?

Bitte beachten Sie, dass Rücksendungen innerhalb von dreißig Tagen nach Erhalt erfolgen
müssen. Die Ware sollte unbenutzt und in der Originalverpackung sein. Das Rücksendeetikett
finden Sie in Ihrem Kundenkonto.
"""

_FR = """
J'ai passé une commande il y a dix jours et je n'ai toujours rien reçu. Le suivi indique que
le colis est bloqué au centre de tri depuis lundi. Pourriez-vous me dire ce qui se passe ?

Merci pour votre message. Nous avons vérifié votre compte et le double prélèvement a bien
été annulé. Le remboursement apparaîtra sur votre carte sous trois à cinq jours ouvrés.

Demain, il pleuvra sur une grande partie du nord du pays. Les températures baisseront
d'environ cinq degrés par rapport à aujourd'hui. Pensez à prendre un parapluie si vous
sortez tôt.

Je souhaite résilier mon abonnement car je n'utilise plus le service. J'ai essayé de le
faire sur le site, mais le bouton ne fonctionne pas. Merci de me confirmer la résiliation
par écrit.

Pour réussir une bonne quiche, il faut des œufs, de la crème, des lardons et une pâte
brisée. Certains ajoutent du fromage râpé sur le dessus. Le plus important est de ne pas
trop la cuire.

Nous sommes allés à la montagne avec les enfants ce week-end. Il faisait très beau et nous
avons marché presque toute la journée. Le soir, tout le monde était fatigué mais content.

L'appareil ne s'allume plus alors que la batterie est chargée. Je l'ai déjà redémarré
plusieurs fois sans succès. Est-ce que c'est couvert par la garantie ?

La réunion d'équipe a été déplacée à jeudi dix heures. Merci d'apporter les chiffres de
ventes du dernier trimestre. Si vous ne pouvez pas venir, prévenez-moi avant mercredi.

Je cherche un appartement de deux pièces près du centre-ville. Mon budget n'est pas très
élevé, mais il me faut un ascenseur. Tu connais une agence sérieuse ?

Nous sommes désolés que votre colis soit arrivé endommagé. Nous vous envoyons un nouvel
article sans frais supplémentaires. Vous n'avez pas besoin de nous renvoyer le produit
abîmé.

La bibliothèque municipale a prolongé ses horaires pendant la période des examens. Elle
ferme désormais à minuit du lundi au vendredi. Il y a aussi plus de prises électriques dans
la salle de lecture.

Pour modifier l'adresse de livraison, connectez-vous à votre compte et ouvrez la page de vos
commandes. Vous y trouverez un bouton pour changer l'adresse. Attention, ce n'est possible
que si la commande n'est pas encore partie.

Mon frère et moi sommes allés au concert samedi soir. Le son était excellent et le groupe a
joué presque deux heures. C'était l'une des plus belles soirées de l'été.

J'ai bien reçu la facture, mais le nom de la société est mal orthographié. Pourriez-vous la
corriger et me la renvoyer ? Vous trouverez les bonnes informations ci-dessous.

Apprendre une nouvelle langue demande de la patience et de la pratique. Il n'est pas
nécessaire d'étudier pendant des heures. Il vaut mieux travailler un peu chaque jour.

Le médecin m'a conseillé de faire plus de sport et de manger moins salé. Je vais commencer à
marcher une demi-heure par jour. J'espère voir la différence d'ici quelques semaines.

Selon le suivi, le colis a été livré, mais je ne l'ai pas reçu. Aucun de mes voisins ne l'a
récupéré et il n'était pas dans la boîte aux lettres. Pouvez-vous ouvrir une enquête auprès
du transporteur ?

Notre service client est joignable du lundi au vendredi de neuf heures à dix-huit heures. Le
week-end, nous répondons uniquement par courriel. Nous essayons de traiter chaque demande en
moins de vingt-quatre heures.

Au printemps, notre jardin est plein de fleurs. Ce sont les roses au fond qui me plaisent le
plus. Chaque matin, je les arrose avant de prendre mon petit-déjeuner.

L'entreprise a embauché quarante personnes cette année. La plupart travailleront dans le
service informatique. Le directeur pense que la croissance va continuer l'année prochaine.

Peux-tu m'expliquer la différence entre un compte courant et un livret d'épargne ? Je
voudrais en ouvrir un pour ma fille qui entre à l'université. Je ne sais pas lequel lui
convient le mieux.

Je voulais te remercier pour ton aide d'hier. Sans tes explications, je n'aurais jamais fini
le projet à temps. Je t'offre un café la semaine prochaine.

Si l'appareil ne démarre pas, vérifiez d'abord que le câble est bien branché. Ensuite,
maintenez le bouton d'alimentation enfoncé pendant dix secondes. Si le problème persiste,
contactez-nous.

Des chercheurs ont découvert une nouvelle espèce de grenouille dans la forêt tropicale. Elle
est si petite qu'elle tient sur le bout d'un doigt. On ne sait pas encore combien
d'individus il reste.

J'ai acheté un cadeau pour l'anniversaire de ma mère, mais elle l'avait déjà. Est-il
possible de l'échanger contre un autre article au même prix ? J'ai toujours le ticket de
caisse.

Hier, il y a eu une coupure de courant dans tout le quartier pendant presque trois heures.
Les feux de circulation ne marchaient plus et il y avait beaucoup de bouchons. Heureusement,
personne n'a été blessé.

La formation en ligne comprend douze modules que l'on peut suivre à son rythme. Chaque
module se termine par un petit test. Une fois tous les modules terminés, vous recevrez un
certificat.

Nous sommes ravis que vous soyez satisfait de votre achat. Si vous avez un moment,
laissez-nous un avis sur le site. Cela aide les autres clients à faire leur choix.

J'ai perdu mes clés et je ne sais pas du tout où elles peuvent être. J'ai déjà cherché dans
la voiture, au bureau et dans toutes mes poches. Si elles ne réapparaissent pas ce soir,
j'appellerai un serrurier.

Nous avons mis à jour notre politique de confidentialité pour mieux expliquer l'utilisation
de vos données. Nous ne vendons jamais vos informations à des tiers. Vous pouvez consulter
tous les changements sur la page d'aide.

Le musée est ouvert tous les jours sauf le lundi. L'entrée est gratuite pour les moins de
dix-huit ans et pour les étudiants. Je vous conseille de réserver la visite guidée à
l'avance.

Dans mon village, la fête a lieu à la mi-août. Il y a de la musique sur la place, un feu
d'artifice et un grand repas pour tous les habitants. C'est le moment où beaucoup de gens
reviennent au pays.

Depuis que j'ai changé de téléphone, je n'arrive plus à me connecter à l'application. Elle
me dit que le mot de passe est incorrect, alors que je suis sûr qu'il est bon. Pouvez-vous
m'aider à récupérer mon compte ?

Le film commence à vingt et une heures trente, donc on peut dîner avant. Il y a un bon
restaurant italien juste à côté du cinéma. On se retrouve là-bas à vingt heures ?

Les enfants ont passé tout l'après-midi à jouer au parc avec leurs amis. Quand ils sont
rentrés, ils étaient fatigués mais très contents. Ils ont dîné tôt et se sont endormis tout
de suite.

Le produit est arrivé en parfait état et il fonctionne très bien. La batterie tient plus
longtemps que prévu et l'écran est très net. Je le rachèterais sans hésiter.

J'ai lu les conditions de garantie, mais je ne comprends pas si les dégâts des eaux sont
couverts. Ma montre ne marche plus depuis un après-midi à la piscine. Quelles sont mes
options ?

Cet été, nous aimerions partir au Portugal. On nous a dit que Lisbonne était magnifique et
que la cuisine était excellente. Quels quartiers nous conseillerais-tu pour dormir ?

Le train de huit heures est parti avec vingt minutes de retard à cause d'une panne sur la
voie. Beaucoup de passagers sont arrivés en retard au travail. La compagnie a promis de
dédommager les voyageurs concernés.

Veuillez noter que les retours doivent être effectués dans les trente jours suivant la
réception. L'article doit être neuf et dans son emballage d'origine. Vous trouverez
l'étiquette de retour dans votre espace client.
"""

_IT = """
Ho fatto un ordine dieci giorni fa e non ho ancora ricevuto niente. Il tracciamento dice che
il pacco è fermo al centro di smistamento da lunedì. Potete dirmi cosa sta succedendo?

Grazie per il tuo messaggio. Abbiamo controllato il tuo account e il doppio addebito è stato
annullato. Il rimborso comparirà sulla carta entro tre o cinque giorni lavorativi.

Domani pioverà su gran parte del nord del paese. Le temperature scenderanno di circa cinque
gradi rispetto a oggi. Meglio portare un ombrello se si esce presto.

Vorrei disdire il mio abbonamento perché non uso più il servizio. Ho provato a farlo dal
sito, ma il pulsante non funziona. Vi prego di confermarmi la disdetta per iscritto.

Per fare una buona carbonara servono guanciale, uova, pecorino e pepe nero. Non bisogna mai
aggiungere la panna. Il segreto è mescolare la pasta con le uova lontano dal fuoco.

Questo fine settimana siamo andati in montagna con i bambini. Faceva bel tempo e abbiamo
camminato quasi tutto il giorno. La sera eravamo tutti stanchi ma felici.

Il dispositivo non si accende più anche se la batteria è carica. L'ho già riavviato diverse
volte senza risultato. È coperto dalla garanzia?

La riunione del gruppo è stata spostata a giovedì alle dieci. Per favore portate i dati di
vendita dell'ultimo trimestre. Chi non può partecipare mi avvisi entro mercoledì.

Sto cercando un appartamento con due camere vicino al centro. Il mio budget non è molto
alto, ma ho bisogno dell'ascensore. Conosci un'agenzia affidabile?

Ci dispiace molto che il tuo pacco sia arrivato danneggiato. Ti spediamo un nuovo articolo
senza costi aggiuntivi. Non è necessario restituire il prodotto rovinato.

La biblioteca comunale ha prolungato l'orario durante il periodo degli esami. Adesso chiude
a mezzanotte dal lunedì al venerdì. Hanno anche aggiunto più prese nella sala studio.

Per cambiare l'indirizzo di spedizione, accedi al tuo account e apri la pagina degli ordini.
Lì troverai il pulsante per modificare l'indirizzo. Attenzione: si può cambiare solo prima
che l'ordine venga spedito.

Io e mio fratello siamo andati al concerto sabato sera. L'audio era ottimo e il gruppo ha
suonato per quasi due ore. È stata una delle serate più belle dell'estate.

Ho ricevuto la fattura, ma il nome dell'azienda è scritto male. Potreste correggerla e
inviarmela di nuovo? Qui sotto trovate i dati corretti.

Imparare una nuova lingua richiede pazienza e pratica. Non serve studiare per ore di fila. È
meglio dedicare un po' di tempo ogni giorno.

Il medico mi ha consigliato di fare più movimento e di mangiare meno sale. Da domani
comincerò a camminare mezz'ora al giorno. Spero di notare la differenza fra qualche
settimana.

Secondo il tracciamento il pacco è stato consegnato, ma io non l'ho ricevuto. Nessuno dei
miei vicini l'ha ritirato e non era nella cassetta della posta. Potete aprire un reclamo con
il corriere?

Il nostro servizio clienti è disponibile dal lunedì al venerdì dalle nove alle diciotto. Nel
fine settimana rispondiamo solo via email. Cerchiamo di rispondere a ogni richiesta entro
ventiquattro ore.

In primavera il nostro giardino è pieno di fiori. Le rose in fondo sono quelle che mi
piacciono di più. Ogni mattina le annaffio prima di fare colazione.

L'azienda ha assunto quaranta persone quest'anno. La maggior parte lavorerà nel reparto
informatico. Il direttore pensa che la crescita continuerà anche l'anno prossimo.

Mi spieghi la differenza tra un conto corrente e un conto di risparmio? Vorrei aprirne uno
per mia figlia che inizia l'università. Non so quale sia più adatto a lei.

Volevo ringraziarti per l'aiuto di ieri. Senza le tue spiegazioni non sarei mai riuscito a
finire il progetto in tempo. La prossima settimana ti offro un caffè.

Se il dispositivo non si avvia, controlla prima che il cavo sia collegato bene. Poi tieni
premuto il tasto di accensione per dieci secondi. Se il problema continua, contattaci.

Alcuni ricercatori hanno scoperto una nuova specie di rana nella foresta tropicale. È così
piccola che sta sulla punta di un dito. Non si sa ancora quanti esemplari ne rimangano.

Ho comprato un regalo per il compleanno di mia madre, ma lei ce l'aveva già. È possibile
cambiarlo con un altro articolo dello stesso prezzo? Ho ancora lo scontrino.

Ieri è mancata la corrente in tutto il quartiere per quasi tre ore. I semafori non
funzionavano e c'era molto traffico. Per fortuna nessuno si è fatto male.

Il corso online ha dodici moduli che si possono seguire con calma. Alla fine di ogni modulo
c'è un breve test. Quando li avrai completati tutti, riceverai un attestato.

Siamo contenti che tu sia soddisfatto del tuo acquisto. Se hai un momento, lasciaci una
recensione sul sito. Questo aiuta gli altri clienti a scegliere.

Ho perso le chiavi di casa e non ho idea di dove possano essere. Ho già cercato in macchina,
in ufficio e in tutte le tasche. Se non saltano fuori entro stasera chiamerò un fabbro.

Abbiamo aggiornato la nostra informativa sulla privacy per spiegare meglio come usiamo i
tuoi dati. Non vendiamo mai le tue informazioni a terzi. Puoi leggere tutte le modifiche
nella pagina di assistenza.

Il museo è aperto tutti i giorni tranne il lunedì. L'ingresso è gratuito per i minori di
diciotto anni e per gli studenti. Vi consiglio di prenotare la visita guidata in anticipo.

Nel mio paese la festa si fa a metà agosto. C'è musica in piazza, ci sono i fuochi
d'artificio e una grande cena per tutti. È il periodo in cui molte persone tornano a casa.

Da quando ho cambiato telefono non riesco più ad accedere all'app. Mi dice che la password è
sbagliata, ma sono sicuro che è giusta. Mi potete aiutare a recuperare l'account?

Il film comincia alle nove e mezza, quindi possiamo cenare prima. Accanto al cinema c'è un
ristorante giapponese molto buono. Ci vediamo lì alle otto?

I bambini hanno passato tutto il pomeriggio a giocare al parco con i loro amici. Quando sono
tornati a casa erano stanchi ma contenti. Hanno cenato presto e si sono addormentati subito.

Il prodotto è arrivato in perfette condizioni e funziona molto bene. La batteria dura più
del previsto e lo schermo è molto nitido. Lo ricomprerei senza pensarci.

Ho letto le condizioni della garanzia, ma non capisco se i danni causati dall'acqua sono
coperti. L'orologio ha smesso di funzionare dopo un pomeriggio in piscina. Quali sono le mie
possibilità?

Quest'estate vorremmo andare in Spagna. Ci hanno detto che Siviglia è bellissima e che si
mangia benissimo. Quali quartieri ci consiglieresti per dormire?

Il treno delle otto è partito con venti minuti di ritardo per un guasto sulla linea. Molti
passeggeri sono arrivati tardi al lavoro. La compagnia ha promesso un rimborso ai
viaggiatori coinvolti.

Ricordiamo che i resi devono essere effettuati entro trenta giorni dalla consegna.
L'articolo deve essere integro e nella confezione originale. L'etichetta per il reso si
trova nella tua area personale.
"""

_PT = """
Fiz uma encomenda há dez dias e ainda não recebi nada. O rastreamento mostra que o pacote
está parado no centro de distribuição desde segunda-feira. Vocês podem me dizer o que está
acontecendo?

Obrigado pela sua mensagem. Verificamos a sua conta e a cobrança em duplicado já foi
cancelada. O reembolso vai aparecer no seu cartão em três a cinco dias úteis.

Amanhã vai chover em grande parte do norte do país. As temperaturas vão baixar cerca de
cinco graus em relação a hoje. É melhor levar um guarda-chuva se você sair cedo.

Quero cancelar a minha assinatura porque não uso mais o serviço. Tentei fazer isso pelo
site, mas o botão não funciona. Por favor, confirmem o cancelamento por escrito.

Para fazer um bom bolo de cenoura, você precisa de cenouras, ovos, óleo, açúcar e farinha. A
cobertura de chocolate é opcional, mas quase todo mundo gosta. O segredo é não abrir o forno
antes do tempo.

No fim de semana fomos para a serra com as crianças. O tempo estava ótimo e caminhamos quase
o dia todo. À noite estávamos todos cansados, mas felizes.

O aparelho não liga mais, mesmo com a bateria carregada. Já reiniciei várias vezes sem
sucesso. Isso está coberto pela garantia?

A reunião da equipe foi transferida para quinta-feira às dez horas. Por favor, tragam os
números de vendas do último trimestre. Quem não puder participar, me avise até quarta-feira.

Estou procurando um apartamento de dois quartos perto do centro. O meu orçamento não é muito
alto, mas preciso de um prédio com elevador. Você conhece alguma imobiliária de confiança?

Lamentamos muito que a sua encomenda tenha chegado danificada. Vamos enviar um novo produto
sem nenhum custo adicional. Não é preciso devolver o artigo estragado.

A biblioteca municipal ampliou o horário durante a época de provas. Agora ela fecha à
meia-noite de segunda a sexta. Também colocaram mais tomadas na sala de estudo.

Para alterar o endereço de entrega, entre na sua conta e abra a página de pedidos. Lá você
vai encontrar um botão para editar o endereço. Atenção: só é possível mudar antes de o
pedido sair do armazém.

Eu e o meu irmão fomos ao show no sábado à noite. O som estava excelente e a banda tocou
quase duas horas seguidas. Foi uma das melhores noites do verão.

Recebi a fatura, mas o nome da empresa está escrito errado. Vocês podem corrigir e enviar de
novo? Os dados corretos estão logo abaixo.

Aprender uma língua nova exige paciência e prática. Não é preciso estudar durante horas
seguidas. É melhor praticar um pouco todos os dias.

O médico me disse que eu preciso fazer mais exercício e comer menos sal. Vou começar a
caminhar meia hora por dia. Espero notar a diferença daqui a algumas semanas.

O rastreamento diz que o pacote foi entregue, mas eu não recebi nada. Nenhum dos meus
vizinhos ficou com ele e também não estava na caixa de correio. Vocês podem abrir uma
investigação com a transportadora?

O nosso atendimento funciona de segunda a sexta, das nove às dezoito horas. Nos fins de
semana respondemos apenas por e-mail. Tentamos responder a todos os pedidos em menos de
vinte e quatro horas.

Na primavera o nosso jardim fica cheio de flores. As rosas do fundo são as que eu mais
gosto. Todas as manhãs eu rego as plantas antes de tomar o café.

A empresa contratou quarenta pessoas novas este ano. A maioria vai trabalhar no departamento
de tecnologia. O diretor acredita que o crescimento vai continuar no próximo ano.

Você pode me explicar a diferença entre uma conta corrente e uma conta poupança? Quero abrir
uma para a minha filha, que vai entrar na faculdade. Não sei qual é a melhor para ela.

Queria te agradecer pela ajuda de ontem. Sem a sua explicação eu não teria terminado o
projeto a tempo. Na próxima semana eu pago o café.

Se o aparelho não ligar, verifique primeiro se o cabo está bem conectado. Depois mantenha o
botão de ligar pressionado durante dez segundos. Se continuar sem funcionar, entre em
contato conosco.

Cientistas descobriram uma nova espécie de sapo na floresta tropical. Ele é tão pequeno que
cabe na ponta de um dedo. Ainda não se sabe quantos exemplares existem na natureza.

Comprei um presente para o aniversário da minha mãe, mas ela já tinha um igual. É possível
trocar por outro produto do mesmo preço? Ainda tenho o recibo da compra.

Ontem faltou luz no bairro inteiro durante quase três horas. Os semáforos pararam de
funcionar e o trânsito ficou complicado. Felizmente ninguém se machucou.

O curso online tem doze módulos que podem ser feitos no seu próprio ritmo. No fim de cada
módulo há um pequeno teste. Quando terminar todos, você vai receber um certificado.

Ficamos muito felizes por saber que você gostou da sua compra. Se tiver um minuto, deixe uma
avaliação no nosso site. Isso ajuda outros clientes a escolherem melhor.

Perdi as chaves de casa e não faço ideia de onde elas estão. Já procurei no carro, no
escritório e em todos os bolsos. Se não aparecerem até a noite, vou chamar um chaveiro.

Atualizamos a nossa política de privacidade para explicar melhor como usamos os seus dados.
Nunca vendemos as suas informações a terceiros. Você pode ver todas as mudanças na página de
ajuda.

O museu abre todos os dias, exceto às segundas-feiras. A entrada é gratuita para menores de
dezoito anos e para estudantes. Recomendo reservar a visita guiada com antecedência.

Na minha cidade a festa acontece em meados de agosto. Tem música na praça, fogos de
artifício e um grande almoço para todos os moradores. É a época em que muita gente volta
para casa.

Desde que troquei de celular, não consigo entrar no aplicativo. Ele diz que a senha está
errada, mas tenho certeza de que está certa. Vocês podem me ajudar a recuperar a conta?

O filme começa às nove e meia, então podemos jantar antes. Tem um restaurante japonês muito
bom ao lado do cinema. Vamos nos encontrar lá às oito?

As crianças passaram a tarde inteira brincando no parque com os amigos. Quando voltaram para
casa estavam cansadas, mas muito contentes. Jantaram cedo e dormiram logo em seguida.

O produto chegou em perfeito estado e funciona muito bem. A bateria dura mais do que eu
esperava e a tela é muito nítida. Com certeza compraria de novo.

Li as condições da garantia, mas não entendi se os danos causados por água estão cobertos. O
relógio parou de funcionar depois de uma tarde na piscina. Quais são as minhas opções?

Neste verão queremos viajar para a Espanha. Disseram-nos que Sevilha é linda e que a comida
é excelente. Que bairros você recomenda para ficar?

O trem das oito saiu com vinte minutos de atraso por causa de uma avaria na linha. Muitos
passageiros chegaram atrasados ao trabalho. A empresa prometeu compensar os clientes
afetados.

Lembramos que as devoluções devem ser feitas em até trinta dias após o recebimento. O
produto deve estar sem uso e na embalagem original. A etiqueta de devolução está disponível
na sua área de cliente.
"""

_NL = """
Ik heb tien dagen geleden een bestelling geplaatst, maar ik heb nog niets ontvangen. Volgens
de track-and-trace ligt het pakket sinds maandag stil in het sorteercentrum. Kunt u
uitzoeken wat er aan de hand is?

Bedankt voor je bericht. We hebben je account gecontroleerd en de dubbele afschrijving is
geannuleerd. Het bedrag staat binnen drie tot vijf werkdagen weer op je rekening.

Morgen regent het in een groot deel van het noorden van het land. De temperatuur daalt
ongeveer vijf graden ten opzichte van vandaag. Neem een paraplu mee als je vroeg de deur uit
gaat.

Ik wil mijn abonnement opzeggen omdat ik de dienst niet meer gebruik. Ik heb het via de
website geprobeerd, maar de knop werkt niet. Wilt u de opzegging schriftelijk bevestigen?

Voor een goede erwtensoep heb je spliterwten, rookworst, wortel, prei en selderij nodig. De
soep moet minstens twee uur zachtjes koken. Volgens mijn opa is hij de volgende dag nog
lekkerder.

Afgelopen weekend zijn we met de kinderen naar de Ardennen geweest. Het weer was prachtig en
we hebben bijna de hele dag gewandeld. 's Avonds was iedereen moe maar tevreden.

Het apparaat gaat niet meer aan, ook al is de batterij volledig opgeladen. Ik heb het al een
paar keer opnieuw opgestart. Valt dit nog onder de garantie?

Het teamoverleg is verplaatst naar donderdag om tien uur. Neem alsjeblieft de verkoopcijfers
van het afgelopen kwartaal mee. Wie er niet bij kan zijn, laat het mij voor woensdag weten.

Ik zoek een appartement met twee slaapkamers in de buurt van het centrum. Mijn budget is
niet zo hoog, maar er moet wel een lift in het gebouw zijn. Ken jij een betrouwbare
makelaar?

Het spijt ons dat je pakket beschadigd is aangekomen. We sturen je kosteloos een nieuw
exemplaar. Je hoeft het beschadigde product niet terug te sturen.

De bibliotheek is tijdens de tentamenperiode langer open. Van maandag tot en met vrijdag kun
je er nu tot middernacht studeren. Er zijn ook meer stopcontacten in de studiezaal gekomen.

Om het bezorgadres te wijzigen, log je in op je account en open je het overzicht van je
bestellingen. Daar vind je een knop om het adres aan te passen. Let op: dit kan alleen
zolang de bestelling nog niet verzonden is.

Mijn broer en ik zijn zaterdagavond naar een concert geweest. Het geluid was uitstekend en
de band speelde bijna twee uur. Het was een van de mooiste avonden van de zomer.

Ik heb de factuur ontvangen, maar de bedrijfsnaam is verkeerd gespeld. Kunt u de factuur
aanpassen en opnieuw naar mij sturen? De juiste gegevens staan hieronder.

Een nieuwe taal leren vraagt om geduld en oefening. Je hoeft niet urenlang achter elkaar te
studeren. Het is beter om elke dag een beetje te oefenen.

De dokter zei dat ik meer moet bewegen en minder zout moet eten. Vanaf morgen ga ik elke dag
een half uur wandelen. Hopelijk merk ik over een paar weken al verschil.

Volgens de track-and-trace is het pakket bezorgd, maar ik heb niets gekregen. Het ligt ook
niet bij de buren en het zat niet in de brievenbus. Kunnen jullie een onderzoek starten bij
de vervoerder?

Onze klantenservice is bereikbaar van maandag tot en met vrijdag tussen negen en zes uur. In
het weekend beantwoorden we alleen e-mails. We proberen elke vraag binnen een dag te
beantwoorden.

In de lente staat onze tuin vol bloemen. De rozen achterin vind ik het mooist. Elke ochtend
geef ik ze water voordat ik ga ontbijten.

Het bedrijf heeft dit jaar veertig nieuwe mensen aangenomen. De meesten gaan op de
IT-afdeling werken. De directeur verwacht dat de groei volgend jaar doorzet.

Kun je mij het verschil uitleggen tussen een betaalrekening en een spaarrekening? Ik wil er
een openen voor mijn dochter, die na de zomer gaat studeren. Ik weet niet welke het beste
bij haar past.

Ik wilde je nog bedanken voor je hulp van gisteren. Zonder jouw uitleg had ik het project
nooit op tijd afgekregen. Volgende week trakteer ik op koffie.

Als het apparaat niet opstart, controleer dan eerst of de kabel goed is aangesloten. Houd
daarna de aan-uitknop tien seconden ingedrukt. Werkt het dan nog steeds niet, neem dan
contact met ons op.

Onderzoekers hebben in het regenwoud een nieuwe kikkersoort ontdekt. Het dier is zo klein
dat het op een vingertop past. Hoeveel exemplaren er nog in het wild leven, is niet bekend.

Ik heb een cadeau gekocht voor de verjaardag van mijn moeder, maar ze had het al. Kan ik het
ruilen voor een ander artikel van dezelfde prijs? Ik heb de kassabon nog.

Gisteren viel in de hele wijk bijna drie uur lang de stroom uit. De verkeerslichten werkten
niet en het was erg druk op de weg. Gelukkig is er niemand gewond geraakt.

De online cursus bestaat uit twaalf modules die je in je eigen tempo kunt volgen. Aan het
eind van elke module is er een korte toets. Als je alle modules hebt afgerond, krijg je een
certificaat.

We zijn blij dat je tevreden bent met je aankoop. Als je even tijd hebt, zouden we een
beoordeling op onze website erg waarderen. Daarmee help je andere klanten bij hun keuze.

Ik ben mijn huissleutels kwijt en ik heb geen idee waar ze kunnen zijn. Ik heb al in de
auto, op kantoor en in al mijn zakken gezocht. Als ze vanavond niet opduiken, bel ik een
slotenmaker.

We hebben ons privacybeleid bijgewerkt, zodat beter duidelijk is hoe we je gegevens
gebruiken. We verkopen je informatie nooit aan derden. Alle wijzigingen vind je op onze
hulppagina.

Het museum is elke dag open behalve op maandag. Kinderen en studenten mogen gratis naar
binnen. Reserveer de rondleiding op tijd, want die is vaak vol.

In mijn dorp wordt half augustus een groot feest gevierd. Er is muziek op het plein, er is
vuurwerk en er is een grote maaltijd voor alle inwoners. Veel mensen die zijn verhuisd,
komen dan weer naar huis.

Sinds ik een nieuwe telefoon heb, kan ik niet meer inloggen in de app. Er staat dat mijn
wachtwoord onjuist is, terwijl ik zeker weet dat het klopt. Kunnen jullie mij helpen om weer
toegang te krijgen?

De film begint om half tien, dus we kunnen daarvoor nog eten. Naast de bioscoop zit een goed
Italiaans restaurant. Zullen we daar om acht uur afspreken?

De kinderen hebben de hele middag met hun vriendjes in het park gespeeld. Toen ze
thuiskwamen, waren ze moe maar heel tevreden. Na het avondeten vielen ze meteen in slaap.

Het product kwam in perfecte staat aan en werkt heel goed. De batterij gaat langer mee dan
ik had verwacht en het scherm is erg scherp. Ik zou het zo weer kopen.

Ik heb de garantievoorwaarden gelezen, maar het is mij niet duidelijk of waterschade gedekt
is. Mijn horloge doet het niet meer sinds een middag in het zwembad. Welke mogelijkheden heb
ik?

Deze zomer willen we naar Portugal op vakantie. Vrienden vertelden ons dat Lissabon prachtig
is en dat het eten er heerlijk is. Welke wijken raad je ons aan om te overnachten?

De trein van acht uur vertrok met twintig minuten vertraging door een storing aan het spoor.
Veel reizigers kwamen te laat op hun werk. De vervoerder heeft beloofd de getroffen
reizigers te compenseren.

Houd er rekening mee dat retourzendingen binnen dertig dagen na ontvangst moeten gebeuren.
Het artikel moet ongebruikt zijn en in de originele verpakking zitten. Het retourlabel vind
je in je klantaccount.
"""

# Other texts, each tagged with its language: neighbours of the answered languages, other
# scripts, languages outside the word lists ("gl" is Galician, which langdetect lacks).
_OTHER = """
[ca] Vaig fer una comanda fa deu dies i encara no he rebut res. El seguiment diu que el
paquet està aturat al centre de distribució des de dilluns. Em podeu dir què passa?

[ca] Moltes gràcies pel vostre missatge. Hem revisat el vostre compte i el càrrec duplicat
ja s'ha anul·lat. Veureu el retorn a la targeta en un termini de tres a cinc dies feiners.

[ca] Demà plourà a gran part del nord del país. Les temperatures baixaran uns cinc graus
respecte d'avui. Val la pena portar paraigua si heu de sortir aviat.

[ca] Vull donar de baixa la meva subscripció perquè ja no faig servir el servei. Ho he
intentat des del web, però el botó no funciona. Si us plau, confirmeu-me la baixa per
escrit.

[ca] El meu germà i jo vam anar al concert dissabte a la nit. El so era molt bo i el grup va
tocar gairebé dues hores. Va ser una de les millors nits de l'estiu.

[ca] Aprendre una llengua nova requereix paciència i pràctica. No cal estudiar moltes hores
seguides. És millor dedicar-hi una mica de temps cada dia.

[sv] Jag beställde en jacka för två veckor sedan, men paketet har fortfarande inte kommit.
Spårningen har inte uppdaterats på flera dagar. Kan ni kolla var min beställning är?

[sv] Tack för ditt meddelande. Vi har kontrollerat ditt konto och den dubbla debiteringen är
redan återbetald. Pengarna bör synas på ditt konto inom tre till fem arbetsdagar.

[sv] I morgon blir det soligt och varmt i södra delen av landet, medan det är molnigt i
norr. På kvällen kan det komma enstaka åskskurar. Temperaturen ligger mellan arton och
tjugosex grader.

[sv] Jag vill säga upp mitt abonnemang eftersom jag knappt använder tjänsten längre. Jag
hittar ingen knapp för det på webbplatsen. Kan ni bekräfta uppsägningen via e-post?

[sv] Min bror och jag var på konsert i lördags. Bandet spelade i nästan två timmar och
ljudet var fantastiskt. Det var en av sommarens finaste kvällar.

[sv] Att lära sig ett nytt språk kräver tid och tålamod. Man behöver inte plugga i flera
timmar i sträck. Det är bättre att öva lite varje dag.

[da] Jeg bestilte en jakke for to uger siden, men pakken er stadig ikke kommet. Sporingen
har ikke vist nogen ny status i flere dage. Kan I undersøge, hvor min ordre er?

[da] Tak for din besked. Vi har tjekket din konto, og den dobbelte betaling er allerede
refunderet. Pengene burde være på din konto inden for tre til fem hverdage.

[da] I morgen bliver det solrigt og lunt i den sydlige del af landet, mens det er overskyet
mod nord. Om aftenen kan der komme enkelte tordenbyger. Temperaturen ligger mellem atten og
seksogtyve grader.

[da] Jeg vil gerne opsige mit abonnement, fordi jeg næsten ikke bruger tjenesten mere. Jeg
kan ikke finde en knap til det på hjemmesiden. Vil I bekræfte opsigelsen på mail?

[da] Min bror og jeg var til koncert i lørdags. Bandet spillede i næsten to timer, og lyden
var fantastisk. Det var en af sommerens bedste aftener.

[da] At lære et nyt sprog kræver tid og tålmodighed. Man behøver ikke at læse i mange timer
i træk. Det er bedre at øve sig lidt hver dag.

[no] Jeg bestilte en jakke for to uker siden, men pakken har fortsatt ikke kommet. Sporingen
har ikke vist noen ny status på flere dager. Kan dere sjekke hvor bestillingen min er?

[no] Takk for meldingen din. Vi har sjekket kontoen din, og den doble belastningen er
allerede tilbakebetalt. Pengene skal være på kontoen din innen tre til fem virkedager.

[no] Jeg vil si opp abonnementet mitt fordi jeg nesten ikke bruker tjenesten lenger. Jeg
finner ingen knapp for det på nettsiden. Kan dere bekrefte oppsigelsen på e-post?

[no] Å lære et nytt språk krever tid og tålmodighet. Man trenger ikke å lese i mange timer i
strekk. Det er bedre å øve litt hver dag.

[ro] Am plasat o comandă acum zece zile și încă nu am primit nimic. Urmărirea coletului
arată că este blocat în centrul de sortare de luni. Îmi puteți spune ce se întâmplă?

[ro] Vă mulțumim pentru mesaj. Am verificat contul dumneavoastră, iar plata dublă a fost
anulată. Banii vor apărea pe card în trei până la cinci zile lucrătoare.

[ro] Mâine va ploua în mare parte din nordul țării. Temperaturile vor scădea cu aproximativ
cinci grade față de astăzi. Este bine să luați o umbrelă dacă plecați devreme.

[ro] Vreau să anulez abonamentul pentru că nu mai folosesc serviciul. Am încercat să fac
asta pe site, dar butonul nu funcționează. Vă rog să îmi confirmați anularea în scris.

[ro] Învățarea unei limbi noi cere răbdare și exercițiu. Nu este nevoie să studiezi ore
întregi fără pauză. Este mai bine să exersezi puțin în fiecare zi.

[pl] Złożyłem zamówienie dziesięć dni temu i nadal nic nie dostałem. Według śledzenia paczka
stoi w sortowni od poniedziałku. Czy możecie sprawdzić, co się dzieje?

[pl] Dziękujemy za wiadomość. Sprawdziliśmy Twoje konto i podwójna płatność została już
anulowana. Zwrot pojawi się na karcie w ciągu trzech do pięciu dni roboczych.

[pl] Jutro będzie padać w większej części kraju. Temperatura spadnie o około pięć stopni w
porównaniu z dzisiejszą. Warto zabrać parasol, jeśli wychodzisz wcześnie.

[pl] Chcę anulować subskrypcję, ponieważ już nie korzystam z usługi. Próbowałem zrobić to na
stronie, ale przycisk nie działa. Proszę o pisemne potwierdzenie rezygnacji.

[pl] Nauka nowego języka wymaga cierpliwości i praktyki. Nie trzeba uczyć się wiele godzin
bez przerwy. Lepiej ćwiczyć trochę każdego dnia.

[id] Saya memesan jaket dua minggu yang lalu, tetapi paketnya belum juga sampai. Status
pelacakan tidak berubah sejak hari Senin. Bisakah Anda memeriksa di mana pesanan saya?

[id] Terima kasih atas pesan Anda. Kami sudah memeriksa akun Anda dan tagihan ganda sudah
dibatalkan. Dana akan kembali ke kartu Anda dalam tiga sampai lima hari kerja.

[id] Besok akan turun hujan di sebagian besar wilayah utara. Suhu akan turun sekitar lima
derajat dibandingkan hari ini. Sebaiknya bawa payung jika Anda berangkat pagi.

[id] Saya ingin berhenti berlangganan karena sudah tidak memakai layanan ini lagi. Saya
sudah mencoba melalui situs web, tetapi tombolnya tidak berfungsi. Mohon konfirmasi
pembatalan secara tertulis.

[id] Belajar bahasa baru membutuhkan kesabaran dan latihan. Tidak perlu belajar berjam-jam
tanpa istirahat. Lebih baik berlatih sedikit setiap hari.

[tr] On gün önce sipariş verdim ama hâlâ hiçbir şey gelmedi. Kargo takibine göre paket
pazartesiden beri aktarma merkezinde bekliyor. Neler olduğunu söyleyebilir misiniz?

[tr] Mesajınız için teşekkür ederiz. Hesabınızı kontrol ettik ve çift çekim iptal edildi.
Para iadesi üç ila beş iş günü içinde kartınıza yansıyacaktır.

[tr] Yarın ülkenin kuzeyinin büyük bölümünde yağmur bekleniyor. Sıcaklıklar bugüne göre
yaklaşık beş derece düşecek. Erken çıkacaksanız şemsiye almanızda fayda var.

[tr] Hizmeti artık kullanmadığım için aboneliğimi iptal etmek istiyorum. Web sitesinden
denedim ama düğme çalışmıyor. Lütfen iptali yazılı olarak onaylayın.

[tr] Yeni bir dil öğrenmek sabır ve pratik gerektirir. Saatlerce ara vermeden çalışmaya
gerek yok. Her gün biraz pratik yapmak daha iyidir.

[af] Ek het tien dae gelede 'n bestelling geplaas, maar ek het nog niks ontvang nie. Volgens
die opsporing lê die pakkie sedert Maandag by die sorteersentrum. Kan julle asseblief
uitvind wat aangaan?

[af] Dankie vir jou boodskap. Ons het jou rekening nagegaan en die dubbele betaling is
gekanselleer. Die geld sal binne drie tot vyf werksdae weer in jou rekening wees.

[af] Ek wil my intekening kanselleer omdat ek nie meer die diens gebruik nie. Ek het dit op
die webwerf probeer, maar die knoppie werk nie. Bevestig asseblief die kansellasie
skriftelik.

[af] Om 'n nuwe taal te leer verg geduld en oefening. Jy hoef nie ure aaneen te studeer nie.
Dit is beter om elke dag 'n bietjie te oefen.

[ru] Я заказал куртку две недели назад, но посылка до сих пор не пришла. Отслеживание не
обновлялось уже несколько дней. Подскажите, пожалуйста, где мой заказ?

[ru] Спасибо за ваше сообщение. Мы проверили ваш счёт, и двойное списание уже отменено.
Деньги вернутся на карту в течение трёх–пяти рабочих дней.

[ru] Завтра на севере страны ожидается дождь, а температура понизится примерно на пять
градусов. Если вы выходите рано, лучше взять зонт.

[zh] 我两个星期前订了一件外套，但是包裹到现在还没有到。
物流信息已经好几天没有更新了。请问我的订单现在在哪里？

[zh] 感谢您的留言。我们已经检查了您的账户，重复扣款已经取消。
退款将在三到五个工作日内退回到您的银行卡。

[zh] 学习一门新的语言需要耐心和练习。
不需要一次学习好几个小时，最好每天都练习一点。

[ja] 二週間前にジャケットを注文しましたが、まだ荷物が届いていません。
追跡情報が数日間更新されていません。注文がどこにあるか確認していただけますか。

[ja] メッセージをありがとうございます。
お客様のアカウントを確認し、二重請求はすでに取り消されました。
返金は三日から五日以内にカードに反映されます。

[ar] طلبت سترة قبل أسبوعين، لكن الطرد لم يصل حتى الآن. لم يتم تحديث معلومات التتبع منذ عدة
أيام. هل يمكنكم التحقق من مكان طلبي؟

[ar] شكرا لرسالتك. لقد راجعنا حسابك وتم إلغاء الخصم المكرر. سيظهر المبلغ في بطاقتك خلال
ثلاثة إلى خمسة أيام عمل.

[el] Παρήγγειλα ένα μπουφάν πριν από δύο εβδομάδες, αλλά το δέμα δεν έχει φτάσει ακόμα. Η
παρακολούθηση δεν έχει ενημερωθεί εδώ και μέρες. Μπορείτε να ελέγξετε πού βρίσκεται η
παραγγελία μου;

[fi] Tilasin takin kaksi viikkoa sitten, mutta paketti ei ole vieläkään tullut.
Seurantatiedot eivät ole päivittyneet moneen päivään. Voisitteko tarkistaa, missä tilaukseni
on?

[hu] Két héttel ezelőtt rendeltem egy kabátot, de a csomag még mindig nem érkezett meg. A
nyomkövetés napok óta nem frissült. Meg tudnák nézni, hol van a rendelésem?

[cs] Před dvěma týdny jsem si objednal bundu, ale balík stále nedorazil. Sledování zásilky
se několik dní neaktualizovalo. Můžete prosím zjistit, kde je moje objednávka?

[vi] Tôi đã đặt một chiếc áo khoác cách đây hai tuần nhưng đến giờ vẫn chưa nhận được hàng.
Thông tin theo dõi đã không được cập nhật trong nhiều ngày. Bạn có thể kiểm tra giúp tôi đơn
hàng đang ở đâu không?

[sw] Niliagiza koti wiki mbili zilizopita, lakini kifurushi bado hakijafika. Taarifa za
ufuatiliaji hazijabadilika kwa siku kadhaa. Tafadhali angalia oda yangu iko wapi.

[tl] Nag-order ako ng jacket dalawang linggo na ang nakalipas, pero hindi pa rin dumarating
ang package. Hindi na-update ang tracking ng ilang araw na. Pwede po bang tingnan kung
nasaan na ang order ko?

[hr] Prije dva tjedna naručio sam jaknu, ali paket još uvijek nije stigao. Praćenje pošiljke
nije ažurirano već nekoliko dana. Možete li provjeriti gdje je moja narudžba?

[sk] Pred dvoma týždňami som si objednal bundu, ale balík stále neprišiel. Sledovanie
zásielky sa už niekoľko dní neaktualizovalo. Môžete prosím zistiť, kde je moja objednávka?

[sl] Pred dvema tednoma sem naročil jakno, vendar paket še vedno ni prispel. Sledenje
pošiljke se že nekaj dni ni posodobilo. Ali lahko preverite, kje je moje naročilo?

[sq] Kam porositur një xhaketë para dy javësh, por pakoja ende nuk ka mbërritur. Gjurmimi
nuk është përditësuar prej disa ditësh. A mund të kontrolloni ku është porosia ime?

[et] Tellisin kaks nädalat tagasi jope, kuid pakk pole ikka veel kohale jõudnud.
Jälgimisinfo pole mitu päeva uuenenud. Kas saaksite palun kontrollida, kus mu tellimus on?

[lt] Prieš dvi savaites užsisakiau striukę, bet siuntinys vis dar neatkeliavo. Sekimo
informacija neatnaujinta jau kelias dienas. Ar galite patikrinti, kur yra mano užsakymas?

[lv] Pirms divām nedēļām pasūtīju jaku, bet paka joprojām nav atnākusi. Izsekošanas
informācija nav atjaunināta jau vairākas dienas. Vai varat, lūdzu, pārbaudīt, kur ir mans
pasūtījums?

[cy] Archebais i siaced bythefnos yn ôl, ond dydy'r parsel ddim wedi cyrraedd eto. Dydy'r
wybodaeth olrhain ddim wedi newid ers dyddiau. Allwch chi wirio ble mae fy archeb?

[gl] Fixen un pedido hai dez días e aínda non recibín nada. O seguimento indica que o
paquete está parado no centro de distribución desde o luns. Poderían dicirme que está a
pasar?

[gl] Grazas pola túa mensaxe. Revisamos a túa conta e o cobro duplicado xa está anulado.
Verás o reembolso na túa tarxeta nun prazo de tres a cinco días hábiles.
"""

_OTHER_EN = [
    "The quickest way to learn a new language is to practice a little every day. You do not "
    "need to study for hours at a time. Short, regular sessions work better than long ones.",
    "Write a Python function that returns the sum of the squares of a list of numbers. "
    "Include a docstring and a short example.",
    "Summarize the following paragraph in one sentence for a busy executive who has no time "
    "to read the whole report.",
    "Heavy rain is expected across the north tomorrow, and temperatures will drop by about "
    "five degrees. If you are heading out early, take an umbrella.",
    "I think I might have ordered the wrong size. Is it too late to change it before it "
    "ships? I can pay the difference if there is one.",
    "Photosynthesis is the process by which green plants use sunlight to turn water and "
    "carbon dioxide into sugar and oxygen. It takes place mainly in the leaves.",
    "Translate into Spanish: The library is open until midnight during the exam period.",
    "We visited Barcelona, Lisbon and Porto last summer. The food in Porto was the best part "
    "of the trip, especially the grilled sardines.",
    "Classify the sentiment of this review as positive, negative or neutral: the delivery was "
    "late but the chair itself is lovely.",
    "Dear team, I am writing to let you know that I will be out of the office from Monday to "
    "Wednesday next week. Please contact Maria for anything urgent.",
    "def total(items):\n    return sum(item.price for item in items if item.in_stock)",
    "SELECT name, email FROM users WHERE created_at > '2024-01-01' ORDER BY name;",
    "Configure the Kubernetes ingress controller with TLS termination and rate limiting.",
    "Top 10 hiking trails in the Pacific Northwest for beginners",
    "The patient was given 5 mg of the drug twice daily for two weeks, and no adverse events "
    "were reported.",
]


def _paragraphs(block: str) -> list[str]:
    """Blank-line separated paragraphs, each joined onto one line (with no space after a
    line that ends in a full-width character, as Chinese and Japanese lines do)."""
    paragraphs = []
    for paragraph in block.strip().split("\n\n"):
        text = ""
        for line in paragraph.split("\n"):
            line = line.strip()
            text += line if not text or ord(text[-1]) >= 0x3000 else " " + line
        paragraphs.append(text)
    return paragraphs


MULTILINGUAL: dict[str, list[str]] = {
    "es": _paragraphs(_ES),
    "de": _paragraphs(_DE),
    "fr": _paragraphs(_FR),
    "it": _paragraphs(_IT),
    "pt": _paragraphs(_PT),
    "nl": _paragraphs(_NL),
}
"""40 paragraphs per language, by known language."""

OTHER_TEXTS: dict[str, list[str]] = {}
for _tagged in _paragraphs(_OTHER):
    _lang, _text = _tagged[1:].split("] ", 1)
    OTHER_TEXTS.setdefault(_lang, []).append(_text)
OTHER_TEXTS["en"] = _OTHER_EN
"""Other texts by known language (ISO 639-1; "gl" is Galician, which langdetect lacks)."""


FILES = "all files"
"""The group of every text read from the files (English-heavy with the default files)."""
BUILT_IN = "built-in "


def _select(frame: pl.DataFrame, group: str) -> pl.DataFrame:
    """The rows of one group, of all files (FILES) or of everything ("ALL")."""
    if group == "ALL":
        return frame
    if group == FILES:
        return frame.filter(~pl.col("group").str.starts_with(BUILT_IN))
    return frame.filter(pl.col("group") == group)


@dataclass
class Timing:
    """Seconds spent by each detector on one group of texts."""

    ours: float
    langdetect: float


def load_texts(files: list[Path]) -> pl.DataFrame:
    """Columns group, truth (known language or null) and text, one row per text."""
    rows: list[tuple[str, str | None, str]] = []
    for path in files:
        frame = read_dataset([path]).frame
        for column in ("input", "output"):
            rows.extend((path.name, None, text) for text in frame[column].drop_nulls())
    for lang, paragraphs in MULTILINGUAL.items():
        rows.extend((f"{BUILT_IN}es/de/fr/it/pt/nl", lang, text) for text in paragraphs)
    for lang, texts in OTHER_TEXTS.items():
        rows.extend((f"{BUILT_IN}other", lang, text) for text in texts)
    schema = {"group": pl.String, "truth": pl.String, "text": pl.String}
    return pl.DataFrame(rows, schema=schema, orient="row")


def run_reference(texts: list[str]) -> tuple[list[str | None], list[float], list[float]]:
    """langdetect's top answer (ISO 639-1), its probability and the seconds, per text."""
    DetectorFactory.seed = 0
    langs: list[str | None] = []
    probs: list[float] = []
    seconds: list[float] = []
    for text in texts:
        start = time.perf_counter()
        try:
            top = detect_langs(text)[0]
            lang, prob = top.lang.split("-")[0], float(top.prob)
        except LangDetectException:
            lang, prob = None, 0.0
        seconds.append(time.perf_counter() - start)
        langs.append(lang)
        probs.append(prob)
    return langs, probs, seconds


def time_ours(texts: pl.Series, params: LanguageParams, repeats: int = 3) -> float:
    """Best of `repeats` wall times of detect_languages on the texts."""
    best = float("inf")
    for _ in range(repeats):
        start = time.perf_counter()
        detect_languages(texts, params)
        best = min(best, time.perf_counter() - start)
    return best


def _pct(part: int, whole: int) -> str:
    return f"{part}/{whole} = {100 * part / whole:.1f}%" if whole else f"{part}/0"


def report(frame: pl.DataFrame, timings: dict[str, Timing], params: LanguageParams) -> None:
    """Print the tables; `frame` has the texts with both detectors' answers."""
    long = frame.filter(~pl.col("method").is_in(["too-short", "no-letters"]))
    confident = long.filter(pl.col("lang").is_not_null())
    print(f"min_words={params.min_words} min_confidence={params.min_confidence}")
    print()
    header = (
        f"{'group':28} {'texts':>6} {'>=min':>6} {'cheap':>7} {'ours t/s':>10} "
        f"{'langdetect t/s':>15} {'speedup':>8} {'agree (confident)':>22}"
    )
    print(header)
    print("-" * len(header))
    for group, timing in timings.items():
        part = _select(frame, group)
        part_long = part.filter(~pl.col("method").is_in(["too-short", "no-letters"]))
        part_conf = part_long.filter(pl.col("lang").is_not_null())
        cheap = (part_long["method"] == "function-words").sum()
        agree = (part_conf["lang"] == part_conf["ref_lang"]).sum()
        ours_rate = part.height / timing.ours
        ref_rate = part.height / timing.langdetect
        print(
            f"{group:28} {part.height:>6} {part_long.height:>6} "
            f"{100 * cheap / max(part_long.height, 1):>6.1f}% {ours_rate:>10,.0f} "
            f"{ref_rate:>15,.0f} {ours_rate / ref_rate:>7.1f}x "
            f"{_pct(agree, part_conf.height):>22}"
        )
    print()
    print("texts/s: all texts of the group, both detectors; langdetect (the reference) runs on")
    print("every text, detect_languages only where its cheap test cannot answer.")
    print()

    print("Agreement with langdetect's top answer, texts with >= min_words words:")
    for method in ("function-words", "langdetect"):
        part = confident.filter(pl.col("method") == method)
        agree = (part["lang"] == part["ref_lang"]).sum()
        print(f"  {method:15} confident answers agreeing: {_pct(agree, part.height)}")
    ref_conf = long.filter(pl.col("ref_prob") >= params.min_confidence)
    same = (ref_conf["lang"] == ref_conf["ref_lang"]).fill_null(False).sum()
    print(
        f"  langdetect confident (prob >= {params.min_confidence}) answers also given here: "
        f"{_pct(same, ref_conf.height)}"
    )
    answered = (long["method"] == "function-words").sum()
    print(f"  answered by the function-word test: {_pct(answered, long.height)}")
    answers = confident.group_by("method", "lang").len()
    for method in ("function-words", "langdetect"):
        found = answers.filter(pl.col("method") == method).sort(["len", "lang"], descending=True)
        shown = ", ".join(f"{lang} {n}" for _, lang, n in found.iter_rows())
        print(f"  {method} answers: {shown or 'none'}")
    print()

    known = frame.filter(pl.col("truth").is_not_null() & pl.col("truth").is_in(MULTILINGUAL))
    known_long = known.filter(~pl.col("method").is_in(["too-short", "no-letters"]))
    print("Built-in es/de/fr/it/pt/nl paragraphs against their known language:")
    ours_right = (known_long["lang"] == known_long["truth"]).fill_null(False).sum()
    ours_wrong = (known_long["lang"] != known_long["truth"]).fill_null(False).sum()
    ref_right = (known_long["ref_lang"] == known_long["truth"]).fill_null(False).sum()
    print(f"  detect_languages right: {_pct(ours_right, known_long.height)}, wrong: {ours_wrong}")
    print(f"  langdetect right:       {_pct(ref_right, known_long.height)}")
    other = frame.filter(
        pl.col("truth").is_not_null()
        & ~pl.col("truth").is_in(MULTILINGUAL)
        & (pl.col("method") == "function-words")
        & (pl.col("lang") != pl.col("truth"))
    )
    print(
        f"  other built-in texts given a wrong language by the function-word test: {other.height}"
    )
    print()

    wrong = confident.filter(pl.col("lang") != pl.col("ref_lang").fill_null(""))
    print(f"Disagreements (confident here, other top answer in langdetect): {wrong.height}")
    pairs = Counter(zip(wrong["lang"].to_list(), wrong["ref_lang"].to_list(), strict=True))
    for (ours, ref), count in pairs.most_common():
        print(f"  ours {ours} / langdetect {ref}: {count}")
    for row in wrong.iter_rows(named=True):
        snippet = " ".join(row["text"].split())[:90]
        print(
            f"  - {row['group']}: ours {row['lang']} ({row['method']}, {row['confidence']:.3f})"
            f" / langdetect {row['ref_lang']} ({row['ref_prob']:.3f}), truth {row['truth']}: "
            f"{snippet}"
        )
    doubtful = long.filter(pl.col("lang").is_null() & (pl.col("ref_prob") >= params.min_confidence))
    print()
    print(f"Left unconfident here although langdetect is confident: {doubtful.height}")
    for row in doubtful.iter_rows(named=True):
        snippet = " ".join(row["text"].split())[:90]
        print(
            f"  - {row['group']}: ours {row['method']} ({row['confidence']:.3f}) / langdetect "
            f"{row['ref_lang']} ({row['ref_prob']:.3f}): {snippet}"
        )


def main(argv: list[str] | None = None) -> int:
    """Run the comparison and print the report."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="*", type=Path, default=DEFAULT_FILES)
    parser.add_argument(
        "--scale",
        type=int,
        default=100,
        help="also time detect_languages on the file texts repeated this many times (1: skip)",
    )
    args = parser.parse_args(argv)
    params = LanguageParams()
    frame = load_texts(args.files)

    # Warm-up: both load langdetect's profiles once, outside the timings.
    detect_languages(pl.Series(["Ce texte en français charge les profils de langdetect."]))
    DetectorFactory.seed = 0
    detect_langs("This English sentence loads the profiles of langdetect.")

    ours = detect_languages(frame["text"], params)
    ref_lang, ref_prob, ref_seconds = run_reference(frame["text"].to_list())
    frame = pl.concat([frame, ours], how="horizontal").with_columns(
        ref_lang=pl.Series(ref_lang, dtype=pl.String),
        ref_prob=pl.Series(ref_prob, dtype=pl.Float64),
        ref_seconds=pl.Series(ref_seconds, dtype=pl.Float64),
    )
    timings: dict[str, Timing] = {}
    for group in [*dict.fromkeys(frame["group"].to_list()), FILES, "ALL"]:
        part = _select(frame, group)
        if part.height:
            timings[group] = Timing(time_ours(part["text"], params), part["ref_seconds"].sum())
    report(frame, timings, params)
    files = _select(frame, FILES)
    if args.scale > 1 and files.height:
        tiled = pl.concat([files["text"]] * args.scale)
        seconds = time_ours(tiled, params, repeats=1)
        ref_rate = files.height / files["ref_seconds"].sum()
        print()
        print(
            f"Scale: the file texts repeated {args.scale}x ({tiled.len():,} texts): "
            f"detect_languages {tiled.len() / seconds:,.0f} texts/s, "
            f"{tiled.len() / seconds / ref_rate:,.0f}x langdetect's {ref_rate:,.0f} texts/s "
            "(identical texts share one langdetect call, so this measures the vectorised path)."
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
