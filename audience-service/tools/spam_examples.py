#!/usr/bin/env python3
"""Writes the project's own labelled spam/ham examples (et, en, ru) for audience-service's spam classifier.

Every base line below was written by hand for Kogu (licence: the repository's, see the README next to the data).
A base line holds slots ({code}, {url}, {n}, {e}, {name}) that are filled a few times with a seeded random
generator, so that the classifier sees many promo codes, domains and emoji instead of learning one of each.
The held-out split is made per BASE LINE (every variant of a base line is in the same split), so the test set
measures lines whose wording the model never saw, not re-fillings of a line it trained on.

Run from the repository root:  python3 audience-service/tools/spam_examples.py
Output: audience-service/src/main/resources/moderation/spam/examples.tsv  (language, label, split, group, text)
"""
import hashlib
import random
import string

SPAM = {
"en": [
 # gambling / casino
 "🎰 Best online casino 2026! Use code {code} for {n} free spins {url}",
 "I won ${n} yesterday playing slots here {url} {e} no joke",
 "Tired of losing? This casino pays out in 5 minutes {url} bonus code {code}",
 "Free bets for new players!! Register at {url} and enter {code} {e}",
 "{e}{e} Sports betting tips with 95% win rate, join now {url}",
 "Get a {n}% deposit bonus today only, promo {code} → {url}",
 "Who wants free spins? DM me or go to {url} {e}",
 "Roulette strategy that never loses, I made {n} dollars this week {url}",
 "New crypto casino, instant withdrawals, code {code} for VIP status {url}",
 "Jackpot alert {e} {n} free spins waiting for you at {url}",
 "Bet on tonight's match with double odds, code {code}",
 "My uncle won {n}$ at this casino, check it {url}",
 # crypto
 "Make ${n} a day with this crypto trading bot {url} {e}",
 "Bitcoin giveaway! Send 0.1 BTC and get 0.2 back, only today {url}",
 "I turned $200 into ${n} in a week thanks to this signals group {url}",
 "{e} New token launching, 100x guaranteed, presale here {url}",
 "Investment opportunity, earn 30% per month passive income, message me on telegram {url}",
 "Claim your free airdrop now before it ends {url} {e}{e}",
 "Crypto expert here, I can help you recover your lost funds, contact {url}",
 "Connect your wallet at {url} to claim {n} USDT reward",
 "Stop working for a boss, my mentor shows how to earn with forex {url}",
 "Elon is giving away {n} BTC to celebrate, details {url}",
 # promo codes / shops / followers
 "Use my promo code {code} for {n}% off everything {e} {url}",
 "{code} gives you free shipping + {n}% discount, hurry up!!",
 "Get free followers and likes instantly {url} {e}",
 "Buy 1000 real followers for $5 at {url}",
 "Cheap designer bags and shoes, {n}% off with code {code} {url}",
 "Promo code {code} still works, just tested it {e} {url}",
 "Check my profile for a {n}% discount code {e}{e}",
 "Want to earn money from home? Click {url} now",
 "Free gift card for the first {n} people {url} {e}",
 "Limited offer! Coupon {code} at checkout, {n}% off {url}",
 "Hey guys check out my channel, sub4sub {url}",
 "Congratulations you have been selected as a winner, claim your prize at {url}",
 "Download the app with code {code} and get {n} euro bonus",
 "Hot singles in your area {url} {e}",
 "Cheap iPhone {n} for only $99 {url}",
 "Enter code {code} in the app to get your free reward {e}",
 "Lose 10 kg in a week with this secret pill {url}",
 "Follow {url} for daily giveaways, use {code} {e}",
 "Earn {n} dollars weekly by liking videos, sign up {url}",
 "Best VPN deal {n}% off, code {code}, link {url}",
 "Make money online fast, no experience needed {url} {e}",
 "Free Netflix premium accounts here {url}",
 "Order now with promo {code} and get double points {e}",
],
"et": [
 "🎰 Parim online kasiino! Kasuta koodi {code} ja saad {n} tasuta keerutust {url}",
 "Võitsin eile {n} eurot slotimängus, vaata siit {url} {e}",
 "Tasuta panused uutele mängijatele!! Registreeru {url} ja sisesta {code}",
 "Kasiino maksab välja 5 minutiga, boonuskood {code} {url}",
 "{e} Spordiennustuse nipid 95% võiduga, liitu kohe {url}",
 "Ainult täna {n}% sissemaksuboonus, promokood {code} → {url}",
 "Kes tahab tasuta spinne? Kirjuta mulle või mine {url} {e}",
 "Rulett ilma kaotuseta, teenisin sel nädalal {n} eurot {url}",
 "Uus krüptokasiino, kiired väljamaksed, kood {code} annab VIP staatuse {url}",
 "Jackpot ootab {e} {n} tasuta keerutust lehel {url}",
 "Panusta tänasele mängule topeltkoefitsiendiga, kood {code}",
 "Mu onu võitis selles kasiinos {n} eurot, vaata {url}",
 "Teeni {n} eurot päevas selle krüpto kauplemisrobotiga {url} {e}",
 "Bitcoini loos! Saada 0.1 BTC ja saad 0.2 tagasi, ainult täna {url}",
 "Tegin nädalaga 200 eurost {n} eurot tänu sellele signaalide grupile {url}",
 "{e} Uus token tuleb välja, 100x garanteeritud, eelmüük siin {url}",
 "Investeerimisvõimalus, passiivne tulu 30% kuus, kirjuta telegrami {url}",
 "Võta oma tasuta airdrop enne kui see lõpeb {url} {e}{e}",
 "Aitan kaotatud krüptoraha tagasi saada, võta ühendust {url}",
 "Ühenda rahakott lehel {url} ja saad {n} USDT preemiat",
 "Lõpeta ülemuse heaks töötamine, minu mentor õpetab forexiga teenima {url}",
 "Kasuta minu sooduskoodi {code} ja saad {n}% kõigelt allahindlust {e} {url}",
 "{code} annab tasuta saatmise ja {n}% soodustust, kiirusta!!",
 "Tasuta jälgijad ja laigid kohe {url} {e}",
 "Osta 1000 päris jälgijat 5 euroga lehelt {url}",
 "Odavad disainerkotid ja kingad, {n}% soodsamalt koodiga {code} {url}",
 "Promokood {code} veel töötab, just proovisin {e} {url}",
 "Vaata mu profiili, seal on {n}% sooduskood {e}{e}",
 "Tahad kodus raha teenida? Kliki kohe {url}",
 "Tasuta kinkekaart esimesele {n} inimesele {url} {e}",
 "Piiratud pakkumine! Kupong {code} kassas, {n}% soodsamalt {url}",
 "Palju õnne, sind on valitud võitjaks, auhind ootab siin {url}",
 "Laadi äpp alla koodiga {code} ja saad {n} eurot boonust",
 "Kuumad tüdrukud sinu lähedal {url} {e}",
 "Odav iPhone ainult 99 euroga {url}",
 "Sisesta äpis kood {code} ja saad tasuta kingituse {e}",
 "Kaota nädalaga 10 kilo selle salapilliga {url}",
 "Jälgi {url} igapäevaste loosimiste jaoks, kasuta {code} {e}",
 "Teeni {n} eurot nädalas videoid laikides, registreeru {url}",
 "Parim VPN pakkumine {n}% soodsamalt, kood {code}, link {url}",
 "Kiire raha internetist, kogemust pole vaja {url} {e}",
 "Tasuta Netflixi kontod siin {url}",
 "Telli kohe promoga {code} ja saad topeltpunktid {e}",
 "Kasiino boonus {n} eurot ilma sissemakseta, kood {code}",
 "Eesti parim kasiino, tasuta keerutused iga päev {url}",
],
"ru": [
 "🎰 Лучшее онлайн казино! Промокод {code} на {n} фриспинов {url}",
 "Вчера выиграл {n} рублей в слотах, вот тут {url} {e}",
 "Бесплатные ставки для новых игроков!! Регистрируйся на {url} и вводи {code}",
 "Казино выплачивает за 5 минут, бонус код {code} {url}",
 "{e} Прогнозы на спорт с проходимостью 95%, вступай {url}",
 "Только сегодня бонус {n}% на депозит, промокод {code} → {url}",
 "Кто хочет бесплатные спины? Пиши в личку или переходи {url} {e}",
 "Стратегия в рулетку без проигрышей, заработал {n} за неделю {url}",
 "Новое крипто казино, мгновенный вывод, код {code} даёт VIP {url}",
 "Джекпот ждёт {e} {n} фриспинов на {url}",
 "Ставь на сегодняшний матч с двойным коэффициентом, код {code}",
 "Мой дядя выиграл {n} в этом казино, смотри {url}",
 "Зарабатывай {n} рублей в день с этим крипто ботом {url} {e}",
 "Раздача биткоина! Отправь 0.1 BTC и получи 0.2 обратно, только сегодня {url}",
 "За неделю сделал из 200$ {n}$ благодаря этим сигналам {url}",
 "{e} Запуск нового токена, 100х гарантировано, пресейл тут {url}",
 "Инвестиции с доходом 30% в месяц, пиши в телеграм {url}",
 "Забери бесплатный аирдроп пока не закончился {url} {e}{e}",
 "Помогу вернуть потерянную крипту, обращайтесь {url}",
 "Подключи кошелёк на {url} и получи {n} USDT",
 "Хватит работать на дядю, мой наставник научит зарабатывать на форексе {url}",
 "Используй мой промокод {code} и получи скидку {n}% на всё {e} {url}",
 "{code} даёт бесплатную доставку и скидку {n}%, успей!!",
 "Бесплатные подписчики и лайки моментально {url} {e}",
 "Купи 1000 живых подписчиков за 300 рублей на {url}",
 "Дешёвые брендовые сумки и обувь, скидка {n}% по коду {code} {url}",
 "Промокод {code} ещё работает, только что проверил {e} {url}",
 "Загляни в мой профиль, там промокод на {n}% {e}{e}",
 "Хочешь зарабатывать не выходя из дома? Жми {url}",
 "Бесплатная подарочная карта первым {n} людям {url} {e}",
 "Ограниченное предложение! Купон {code} при оплате, скидка {n}% {url}",
 "Поздравляем, вы выбраны победителем, заберите приз на {url}",
 "Скачай приложение с кодом {code} и получи {n} рублей бонусом",
 "Девушки рядом с тобой {url} {e}",
 "Айфон всего за 5000 рублей {url}",
 "Введи код {code} в приложении и получи подарок {e}",
 "Похудей на 10 кг за неделю с этими таблетками {url}",
 "Подписывайся на {url} ежедневные розыгрыши, код {code} {e}",
 "Зарабатывай {n} рублей в неделю на лайках, регистрация {url}",
 "Лучший VPN со скидкой {n}%, код {code}, ссылка {url}",
 "Быстрый заработок в интернете без опыта {url} {e}",
 "Бесплатный Netflix премиум здесь {url}",
 "Заказывай с промо {code} и получай двойные баллы {e}",
 "Бонус {n} рублей без депозита в казино, код {code}",
 "Лучшие букмекеры с бонусом на первую ставку {url}",
],
}

HAM = {
"en": [
 "This song has been on repeat all week {e}",
 "Saw you live in Tallinn last night, what a show!! {e}{e}",
 "The ending of this episode made me cry {e}",
 "Can't wait for the new album, when does it drop?",
 "Who else is watching this in 2026? {e}",
 "Your voice gets better every year",
 "Here is the full interview if anyone missed it {url}",
 "The guitar solo at 2:14 is insane {e}",
 "I bought tickets for the Riga show, see you there!",
 "Great match yesterday, the second half was amazing",
 "Thank you for reading my comment, you made my day {e}",
 "Loved the behind the scenes part, more of this please",
 "My kids sing this song every morning {e}",
 "Congrats on the award, well deserved! {e}",
 "Found the lyrics here for anyone who asked {url}",
 "Tickets were 45 euros and worth every cent",
 "Is the merch store shipping to Estonia?",
 "Please come to Finland next time {e}",
 "The lighting in this video is beautiful",
 "I disagree with the referee decision, that was not a penalty",
 "Haha the dog at the end {e}",
 "Best collab of the year, no doubt",
 "Here is my cover of this song, hope you like it {url}",
 "The recipe worked perfectly, my family loved it {e}",
 "What camera did you use for this?",
 "Watched the whole documentary, very moving {url}",
 "@{name} look, this is the place I told you about",
 "Happy birthday to the best drummer in the world {e}{e}",
 "I have been a fan since the first album in 2012",
 "Can you please post the setlist?",
 "This brings back so many memories {e}",
 "The new design looks great, much cleaner than before",
 "Honestly the old version was better, sorry",
 "Thanks for answering my question in the stream {e}",
 "Where can I find the full version? The one on {url} is cut",
 "We named our cat after your song {e}",
 "The choir part gives me chills every time",
 "Good luck at the finals tomorrow {e}",
 "I would love to see a live acoustic version",
 "Article about the festival lineup {url} looks amazing",
 "My favourite part is the bridge {e}",
 "Is there a code of conduct for the fan meetup?",
 "I entered the giveaway, fingers crossed {e} @{name}",
 "Used the tutorial and fixed my bike, thank you!",
 "The translation in the subtitles is a bit off at 5:30",
 "Playing this at my wedding next month {e}",
 "This team deserves more support, great season",
 "Please release the instrumental version {e}",
 "Respect for talking about mental health openly",
 "The stadium was so loud, my ears are still ringing {e}",
 "Shared this with my whole family {url}",
 "How long did it take to film this?",
 "The colours of the new collection are gorgeous {e}",
 "Delivery took two weeks but the hoodie is great quality",
 "Your podcast helped me through a hard winter",
 "Photos from yesterday's concert {url} {e}",
 "Does anyone know the name of the song in the background?",
 "Ordered the vinyl, can't wait to hear it on a real player",
 "We drove 300 km to see this, totally worth it",
 "Love from Tartu {e}{e}",
],
"et": [
 "See lugu on terve nädal kõrvus olnud {e}",
 "Nägin teid eile Tallinnas laval, milline show!! {e}{e}",
 "Selle osa lõpp ajas mind nutma {e}",
 "Ei jõua uut albumit ära oodata, millal see tuleb?",
 "Kes veel seda 2026. aastal vaatab? {e}",
 "Su hääl läheb iga aastaga paremaks",
 "Terve intervjuu on siin, kui keegi nägemata jättis {url}",
 "Kitarrisoolo 2:14 juures on hullumeelne {e}",
 "Ostsin piletid Tartu kontserdile, näeme seal!",
 "Eilne mäng oli super, teine poolaeg eriti",
 "Aitäh, et mu kommentaari lugesid, tegid mu päeva {e}",
 "Kaadritagune osa oli väga lahe, tehke rohkem",
 "Mu lapsed laulavad seda laulu igal hommikul {e}",
 "Palju õnne auhinna puhul, täiesti teenitud! {e}",
 "Laulusõnad leiab siit, kes küsis {url}",
 "Piletid maksid 45 eurot ja olid iga senti väärt",
 "Kas fännipood saadab ka Soome?",
 "Tulge järgmine kord Pärnusse ka {e}",
 "Valgus on selles videos nii ilus",
 "Ma ei nõustu kohtuniku otsusega, see polnud penalti",
 "Haha see koer lõpus {e}",
 "Aasta parim koostöö, kahtlemata",
 "Tegin sellest loost oma versiooni, loodan et meeldib {url}",
 "Retsept õnnestus suurepäraselt, pere oli vaimustuses {e}",
 "Mis kaameraga te seda filmisite?",
 "Vaatasin kogu dokumentaali ära, väga liigutav {url}",
 "@{name} vaata, see on see koht, millest ma rääkisin",
 "Palju õnne sünnipäevaks maailma parimale trummarile {e}{e}",
 "Olen fänn olnud juba esimesest albumist saadik",
 "Kas saaksite setlisti üles panna?",
 "Tuleb nii palju mälestusi meelde {e}",
 "Uus kujundus on väga ilus, palju puhtam kui enne",
 "Ausalt öeldes vana versioon oli parem, vabandust",
 "Aitäh, et vastasite mu küsimusele otseülekandes {e}",
 "Kust täisversiooni leiab? See {url} on lühendatud",
 "Panime oma kassile nimeks teie laulu pealkirja {e}",
 "Koori osa ajab iga kord ihukarvad püsti",
 "Edu homseks finaaliks {e}",
 "Tahaks väga kuulda akustilist versiooni",
 "Festivali esinejad on teada {url} näeb super välja",
 "Mu lemmikosa on vahemäng {e}",
 "Kas fännikohtumisel on mingid reeglid?",
 "Osalesin loosimises, hoian pöialt {e} @{name}",
 "Tegin õpetuse järgi ja sain ratta korda, aitäh!",
 "Subtiitrite tõlge on 5:30 juures natuke vale",
 "Mängime seda järgmisel kuul oma pulmas {e}",
 "See meeskond väärib rohkem toetust, tubli hooaeg",
 "Palun avaldage ka instrumentaalversioon {e}",
 "Austus, et räägite vaimsest tervisest nii avatult",
 "Staadionil oli nii vali, kõrvad siiani piiksuvad {e}",
 "Jagasin seda kogu perega {url}",
 "Kui kaua selle filmimine aega võttis?",
 "Uue kollektsiooni värvid on imeilusad {e}",
 "Tarne võttis kaks nädalat aega, aga pusa on väga hea kvaliteediga",
 "Teie podcast aitas mind raskest talvest läbi",
 "Pildid eilselt kontserdilt {url} {e}",
 "Kas keegi teab, mis laul taustal mängib?",
 "Tellisin vinüüli, ei jõua ära oodata, et seda päris plaadimängijal kuulata",
 "Sõitsime 300 km, et seda näha, täiesti väärt",
 "Tervitused Tartust {e}{e}",
],
"ru": [
 "Эта песня всю неделю у меня в голове {e}",
 "Видел вас вчера в Таллинне, вот это шоу!! {e}{e}",
 "Концовка этой серии довела меня до слёз {e}",
 "Жду не дождусь нового альбома, когда выйдет?",
 "Кто ещё смотрит это в 2026? {e}",
 "Твой голос с каждым годом всё лучше",
 "Полное интервью вот здесь, если кто пропустил {url}",
 "Гитарное соло на 2:14 просто безумие {e}",
 "Купил билеты на концерт в Риге, увидимся там!",
 "Вчерашний матч был отличный, особенно второй тайм",
 "Спасибо, что прочитал мой комментарий, ты сделал мой день {e}",
 "Закулисье очень понравилось, снимайте ещё",
 "Мои дети поют эту песню каждое утро {e}",
 "Поздравляю с наградой, заслуженно! {e}",
 "Текст песни нашёл тут, кто спрашивал {url}",
 "Билеты стоили 45 евро и стоили каждого цента",
 "Фан магазин доставляет в Эстонию?",
 "Приезжайте в следующий раз в Нарву {e}",
 "Свет в этом клипе очень красивый",
 "Не согласен с решением судьи, это не пенальти",
 "Ахаха собака в конце {e}",
 "Лучший фит года, без сомнений",
 "Записал кавер на эту песню, надеюсь понравится {url}",
 "Рецепт получился отлично, семье понравилось {e}",
 "На какую камеру снимали?",
 "Посмотрел весь документальный фильм, очень трогательно {url}",
 "@{name} смотри, это то место, про которое я рассказывал",
 "С днём рождения лучшего барабанщика в мире {e}{e}",
 "Я фанат с первого альбома в 2012",
 "Можете выложить сетлист?",
 "Столько воспоминаний {e}",
 "Новый дизайн выглядит отлично, намного чище чем раньше",
 "Честно говоря старая версия была лучше, извините",
 "Спасибо что ответили на мой вопрос на стриме {e}",
 "Где найти полную версию? На {url} обрезано",
 "Мы назвали кота в честь вашей песни {e}",
 "Хоровая часть каждый раз вызывает мурашки",
 "Удачи завтра в финале {e}",
 "Очень хочу услышать живую акустическую версию",
 "Состав фестиваля объявили {url} выглядит круто",
 "Моя любимая часть это бридж {e}",
 "На встрече фанатов есть какие-то правила?",
 "Участвую в розыгрыше, держу кулачки {e} @{name}",
 "Сделал по видео и починил велосипед, спасибо!",
 "Перевод в субтитрах на 5:30 немного неточный",
 "Будем танцевать под эту песню на свадьбе в следующем месяце {e}",
 "Эта команда заслуживает больше поддержки, отличный сезон",
 "Выпустите пожалуйста инструментальную версию {e}",
 "Уважение за то, что открыто говорите о ментальном здоровье",
 "На стадионе было так громко, до сих пор в ушах звенит {e}",
 "Поделился со всей семьёй {url}",
 "Сколько времени заняли съёмки?",
 "Цвета новой коллекции просто прекрасные {e}",
 "Доставка заняла две недели, но худи отличного качества",
 "Ваш подкаст помог мне пережить тяжёлую зиму",
 "Фото со вчерашнего концерта {url} {e}",
 "Кто знает, что за песня играет на фоне?",
 "Заказал винил, жду не дождусь послушать на настоящем проигрывателе",
 "Проехали 300 км ради этого, оно того стоило",
 "Привет из Нарвы {e}{e}",
],
}

SPAM_EMOJI = ["🔥", "💰", "🎰", "🤑", "🚀", "💎", "✅", "🎁", "💸", "👉", "⚡", "🍀"]
HAM_EMOJI = ["❤️", "😍", "😂", "👏", "🙌", "🥰", "👍", "🔥", "😭", "🎶", "💙", "🤘", "😊", "🇪🇪"]
CODE_WORDS = ["WIN", "BONUS", "SPIN", "VIP", "LUCKY", "FREE", "GOLD", "SALE", "CASH", "MEGA", "KING", "STAR", "PROMO",
              "KASIINO", "SOOD", "SKIDKA", "HALYAVA", "JACKPOT", "BET", "GIFT"]
SPAM_WORDS = ["win", "lucky", "spin", "cash", "crypto", "bet", "slots", "bonus", "promo", "fast", "gold", "earn",
              "vip", "prize", "reward", "coin", "moon", "rich", "deal", "best"]
SPAM_TLDS = [".xyz", ".top", ".click", ".win", ".bet", ".io", ".site", ".online", ".ru", ".com", ".info", ".biz", ".ee"]
SHORTENERS = ["bit.ly", "tinyurl.com", "cutt.ly", "t.me", "is.gd", "clck.ru", "goo.su"]
HAM_URLS = ["https://www.youtube.com/watch?v={id}", "https://youtu.be/{id}", "https://www.instagram.com/p/{id}/",
            "https://err.ee/{num}/uudis", "https://www.postimees.ee/{num}/artikkel", "https://www.delfi.ee/artikkel/{num}",
            "https://en.wikipedia.org/wiki/Song_Festival", "https://ru.wikipedia.org/wiki/Таллин",
            "https://open.spotify.com/track/{id}", "https://www.bbc.com/news/{num}", "https://soundcloud.com/fan/{id}",
            "https://www.tiktok.com/@fan/video/{num}", "https://genius.com/lyrics-{id}", "https://rus.err.ee/{num}/novost"]
NAMES = ["mari", "kaspar", "anna_k", "sergei.v", "liis", "john", "oksana", "tonu", "kati_m", "dima", "emily", "jaan"]


def code(rng):
    if rng.random() < 0.6:
        return rng.choice(CODE_WORDS) + str(rng.choice([5, 7, 10, 15, 20, 25, 50, 77, 100, 200, 500, 2026, 777]))
    return "".join(rng.choice(string.ascii_uppercase + string.digits) for _ in range(rng.randint(5, 9)))


def spam_url(rng):
    if rng.random() < 0.3:
        return "https://" + rng.choice(SHORTENERS) + "/" + "".join(rng.choice(string.ascii_letters + string.digits) for _ in range(6))
    host = rng.choice(SPAM_WORDS) + rng.choice(["", "-", ""]) + rng.choice(SPAM_WORDS) + str(rng.choice(["", 1, 24, 365, 7]))
    path = rng.choice(["", "/promo", "/bonus", "/?ref=" + str(rng.randint(100, 9999)), "/register", "/go"])
    return rng.choice(["https://", "http://", "", "www."]) + host + rng.choice(SPAM_TLDS) + path


def ham_url(rng):
    template = rng.choice(HAM_URLS)
    return template.format(id="".join(rng.choice(string.ascii_letters + string.digits) for _ in range(11)),
                           num=rng.randint(120000, 999999))


def fill(line, rng, spam):
    emoji = SPAM_EMOJI if spam else HAM_EMOJI
    text = line
    while "{e}" in text:
        text = text.replace("{e}", rng.choice(emoji) if rng.random() < 0.85 else "", 1)
    text = text.replace("{code}", code(rng))
    text = text.replace("{n}", str(rng.choice([50, 100, 150, 200, 300, 500, 1000, 2500, 5000])))
    text = text.replace("{url}", spam_url(rng) if spam else ham_url(rng))
    text = text.replace("{name}", rng.choice(NAMES))
    if not spam and rng.random() < 0.25 and "http" not in text:
        text += " " + ham_url(rng)  # fans link things too: a link alone must not make spam
    if rng.random() < 0.2:
        text = text.lower()
    if spam and rng.random() < 0.15:
        text = text.upper()
    return " ".join(text.split())


def split_of(language, label, line):
    digest = hashlib.sha256(f"{language}|{label}|{line}".encode()).digest()
    return "test" if digest[0] < 256 * 0.22 else "train"


def main():
    rows = []
    for label, table, copies in (("spam", SPAM, 6), ("ham", HAM, 9)):
        for language, lines in table.items():
            for index, line in enumerate(lines):
                rng = random.Random(f"{language}-{label}-{index}")
                split = split_of(language, label, line)
                seen = set()
                for _ in range(copies):
                    text = fill(line, rng, label == "spam")
                    if text not in seen:
                        seen.add(text)
                        rows.append((language, label, split, f"{language}-{label}-{index}", text))
    out = "audience-service/src/main/resources/moderation/spam/examples.tsv"
    with open(out, "w", encoding="utf-8") as f:
        f.write("language\tlabel\tsplit\tgroup\ttext\n")
        for row in rows:
            f.write("\t".join(row) + "\n")
    print(f"{len(rows)} examples written to {out}")


if __name__ == "__main__":
    main()
