<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ky_KG">
<context>
    <name>AboutDialog</name>
    <message>
        <source>About STRIVE Desktop</source>
        <translation>STRIVE Desktop жөнүндө</translation>
    </message>
    <message>
        <source>Offline data entry for the STRIVE Asia community prevention programme in Kyrgyzstan.</source>
        <translation>Кыргызстандагы STRIVE Asia жамааттык алдын алуу программасы үчүн интернетсиз маалымат киргизүү.</translation>
    </message>
    <message>
        <source>Version:</source>
        <translation>Версиясы:</translation>
    </message>
    <message>
        <source>Build date:</source>
        <translation>Куралган күнү:</translation>
    </message>
    <message>
        <source>not a built package (run from the sources)</source>
        <translation>куралган пакет эмес (булак коддон иштетилди)</translation>
    </message>
    <message>
        <source>Python:</source>
        <translation>Python:</translation>
    </message>
    <message>
        <source>Qt:</source>
        <translation>Qt:</translation>
    </message>
    <message>
        <source>Data folder:</source>
        <translation>Маалыматтар папкасы:</translation>
    </message>
    <message>
        <source>&amp;Copy details</source>
        <translation>Маалыматты &amp;көчүрүү</translation>
    </message>
    <message>
        <source>Copy these facts, e.g. into an e-mail to support</source>
        <translation>Бул маалыматты көчүрүү, мисалы, колдоо кызматына кат үчүн</translation>
    </message>
    <message>
        <source>&amp;Open data folder</source>
        <translation>Маалыматтар папкасын &amp;ачуу</translation>
    </message>
    <message>
        <source>Copied</source>
        <translation>Көчүрүлдү</translation>
    </message>
</context>
<context>
    <name>AccountDialog</name>
    <message>
        <source>Change my password</source>
        <translation>Сырсөзүмдү өзгөртүү</translation>
    </message>
    <message>
        <source>New password for {name}</source>
        <translation>{name} үчүн жаңы сырсөз</translation>
    </message>
    <message>
        <source>New account</source>
        <translation>Жаңы каттоо эсеби</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>&amp;Аты:</translation>
    </message>
    <message>
        <source>&amp;Role:</source>
        <translation>&amp;Ролу:</translation>
    </message>
    <message>
        <source>&amp;Current password:</source>
        <translation>&amp;Азыркы сырсөз:</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>&amp;Сырсөз:</translation>
    </message>
    <message>
        <source>R&amp;epeat it:</source>
        <translation>&amp;Кайталаңыз:</translation>
    </message>
    <message>
        <source>The password opens the encrypted data: keep it safe. An administrator can set a new one if it is forgotten.</source>
        <translation>Сырсөз шифрленген маалыматтарды ачат: аны коопсуз сактаңыз. Унутулуп калса, администратор жаңысын коё алат.</translation>
    </message>
</context>
<context>
    <name>ActivitiesModel</name>
    <message>
        <source>Amounts in som</source>
        <translation>Суммалар сом менен</translation>
    </message>
    <message>
        <source>Activity</source>
        <translation>Иш-чара</translation>
    </message>
    <message>
        <source>Responsible</source>
        <translation>Жооптуу</translation>
    </message>
    <message>
        <source>Partners</source>
        <translation>Өнөктөштөр</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>Башталышы</translation>
    </message>
    <message>
        <source>End</source>
        <translation>Аягы</translation>
    </message>
    <message>
        <source>Project, som</source>
        <translation>Долбоор, сом</translation>
    </message>
    <message>
        <source>Local, som</source>
        <translation>Жергиликтүү, сом</translation>
    </message>
    <message>
        <source>Other, som</source>
        <translation>Башка, сом</translation>
    </message>
    <message>
        <source>Total, som</source>
        <translation>Бардыгы, сом</translation>
    </message>
    <message>
        <source>Indicator</source>
        <translation>Индикатор</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Абалы</translation>
    </message>
    <message>
        <source>Enter a date as day.month.year, e.g. 15.03.2026.</source>
        <translation>Күндү күн.ай.жыл түрүндө жазыңыз, мисалы, 15.03.2026.</translation>
    </message>
</context>
<context>
    <name>ActivitiesTab</name>
    <message>
        <source>Add ac&amp;tivity</source>
        <translation>&amp;Иш-чара кошуу</translation>
    </message>
    <message>
        <source>Re&amp;move</source>
        <translation>&amp;Алып салуу</translation>
    </message>
    <message>
        <source>Move &amp;up</source>
        <translation>Жо&amp;гору</translation>
    </message>
    <message>
        <source>Move do&amp;wn</source>
        <translation>&amp;Төмөн</translation>
    </message>
    <message>
        <source>Type or double-click to edit a cell; Delete empties it. Amounts in som.</source>
        <translation>Уячаны оңдоо үчүн жаза баштаңыз же эки жолу басыңыз; Delete аны тазалайт. Суммалар сом менен.</translation>
    </message>
</context>
<context>
    <name>AdvisoryGroupPage</name>
    <message>
        <source>&amp;Group:</source>
        <translation>То&amp;п:</translation>
    </message>
    <message>
        <source>New group…</source>
        <translation>Жаңы топ…</translation>
    </message>
    <message>
        <source>&amp;Add member</source>
        <translation>&amp;Мүчө кошуу</translation>
    </message>
    <message>
        <source>Add a member (Ctrl+N)</source>
        <translation>Мүчө кошуу (Ctrl+N)</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>&amp;Оңдоо</translation>
    </message>
    <message>
        <source>&amp;Move…</source>
        <translation>&amp;Которуу…</translation>
    </message>
    <message>
        <source>&amp;Remove</source>
        <translation>&amp;Чыгаруу</translation>
    </message>
    <message>
        <source>&amp;History</source>
        <translation>&amp;Тарых</translation>
    </message>
    <message>
        <source>Create the advisory group</source>
        <translation>Консультативдик топту түзүү</translation>
    </message>
    <message>
        <source>Advisory group</source>
        <translation>Консультативдик топ</translation>
    </message>
    <message>
        <source>All communities: choose a group, or a community at the top.</source>
        <translation>Бардык жамааттар: топту же жогорудан жамаатты тандаңыз.</translation>
    </message>
    <message>
        <source>There are no advisory groups yet.</source>
        <translation>Азырынча консультативдик топтор жок.</translation>
    </message>
    <message>
        <source>{community} has no advisory group yet. Create it, then add its members.</source>
        <translation>{community} жамаатында азырынча консультативдик топ жок. Аны түзүп, мүчөлөрүн кошуңуз.</translation>
    </message>
    <message>
        <source>formed {date}</source>
        <translation>түзүлгөн күнү {date}</translation>
    </message>
    <message>
        <source>STRIVE Desktop</source>
        <translation>STRIVE Desktop</translation>
    </message>
    <message>
        <source>Choose a community at the top first.</source>
        <translation>Адегенде жогорудан жамаатты тандаңыз.</translation>
    </message>
    <message>
        <source>{name} was removed from the group (kept in the history).</source>
        <translation>{name} топтон чыгарылды (тарыхта сакталат).</translation>
    </message>
</context>
<context>
    <name>App</name>
    <message>
        <source>Sorry, something went wrong. Your saved data is safe.
The details were written to:
{path}</source>
        <translation>Кечиресиз, бир ката кетти. Сакталган маалыматтарыңыз коопсуз.
Толук маалымат бул файлга жазылды:
{path}</translation>
    </message>
</context>
<context>
    <name>AppContext</name>
    <message>
        <source>STRIVE Desktop</source>
        <translation>STRIVE Desktop</translation>
    </message>
    <message>
        <source>Sorry, something went wrong. Your saved data is safe.
The details were written to:
{path}</source>
        <translation>Кечиресиз, бир ката кетти. Сакталган маалыматтарыңыз коопсуз.
Толук маалымат бул файлга жазылды:
{path}</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Жокко чыгаруу</translation>
    </message>
</context>
<context>
    <name>AttendanceModel</name>
    <message>
        <source>{date}
{hours} h</source>
        <translation>{date}
{hours} саат</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Аты-жөнү</translation>
    </message>
    <message>
        <source>Sector</source>
        <translation>Сектор</translation>
    </message>
    <message>
        <source>Hours
of {total}</source>
        <translation>Саат
{total} ичинен</translation>
    </message>
    <message>
        <source>Rate</source>
        <translation>Үлүшү</translation>
    </message>
    <message>
        <source>Completed</source>
        <translation>Аяктады</translation>
    </message>
    <message>
        <source>Session of {date}, {hours} hours</source>
        <translation>{date} сабагы, {hours} саат</translation>
    </message>
    <message>
        <source>Completed: attended at least {share} of the hours</source>
        <translation>Аяктады: сааттардын кеминде {share} катышты</translation>
    </message>
    <message>
        <source>Walk-in: not a member of the advisory group</source>
        <translation>Өзү келген: консультативдик топтун мүчөсү эмес</translation>
    </message>
    <message>
        <source>present</source>
        <translation>катышты</translation>
    </message>
    <message>
        <source>absent</source>
        <translation>катышкан жок</translation>
    </message>
    <message>
        <source>{name}, {date}: {state}</source>
        <translation>{name}, {date}: {state}</translation>
    </message>
    <message numerus="yes">
        <source>Total: %n participant(s)</source>
        <translation>
            <numerusform>Бардыгы: %Ln катышуучу</numerusform>
            <numerusform>Бардыгы: %Ln катышуучу</numerusform>
        </translation>
    </message>
    <message>
        <source>Present at the session of {date}</source>
        <translation>{date} сабагына катышкандар</translation>
    </message>
    <message>
        <source>Average attendance rate</source>
        <translation>Орточо катышуу</translation>
    </message>
    <message>
        <source>Participants who completed the training</source>
        <translation>Тренингди аяктаган катышуучулар</translation>
    </message>
</context>
<context>
    <name>CertificateSettingsWidget</name>
    <message>
        <source>Name</source>
        <translation>Аты-жөнү</translation>
    </message>
    <message>
        <source>Title (printed under the name)</source>
        <translation>Кызматы (аты-жөнүнүн астына басылат)</translation>
    </message>
    <message>
        <source>Signatory {n}:</source>
        <translation>{n}-кол коюучу:</translation>
    </message>
    <message>
        <source>e.g. Өмүрбек Түлөгөнов</source>
        <translation>мисалы, Өмүрбек Түлөгөнов</translation>
    </message>
    <message>
        <source>optional, e.g. the implementing partner</source>
        <translation>милдеттүү эмес, мисалы, ишке ашыруучу өнөктөш</translation>
    </message>
    <message>
        <source>Extra line under the programme name:</source>
        <translation>Программанын аталышынын астындагы кошумча сап:</translation>
    </message>
    <message>
        <source>Logo, top left</source>
        <translation>Логотип, жогорку сол жакта</translation>
    </message>
    <message>
        <source>Logo, top right</source>
        <translation>Логотип, жогорку оң жакта</translation>
    </message>
    <message>
        <source>Logo, top centre</source>
        <translation>Логотип, жогорку ортодо</translation>
    </message>
    <message>
        <source>Certificate settings saved.</source>
        <translation>Сертификаттын жөндөөлөрү сакталды.</translation>
    </message>
    <message>
        <source>Title in Russian</source>
        <translation>Кызматы орусча</translation>
    </message>
    <message>
        <source>Title in English</source>
        <translation>Кызматы англисче</translation>
    </message>
    <message>
        <source>e.g. {example}</source>
        <translation>мисалы, {example}</translation>
    </message>
    <message>
        <source>Each certificate is printed in its language: where no Russian or English title is given, the first title is used, but Cyrillic never goes on an English certificate.</source>
        <translation>Ар бир сертификат өз тилинде басылат: орусча же англисче кызматы жазылбаса, биринчи кызматы колдонулат, бирок кириллица англисче сертификатка эч качан басылбайт.</translation>
    </message>
    <message>
        <source>The same in Russian:</source>
        <translation>Ошол эле сап орусча:</translation>
    </message>
    <message>
        <source>The same in English:</source>
        <translation>Ошол эле сап англисче:</translation>
    </message>
    <message>
        <source>{community} uses the settings for all communities again.</source>
        <translation>{community} кайра бардык жамааттар үчүн жөндөөлөрдү колдонот.</translation>
    </message>
    <message>
        <source>Set by headquarters on {date}; changed here since. Headquarters&apos; next change replaces them.</source>
        <translation>Башкы кеңсе {date} койгон; андан бери бул жерде өзгөртүлгөн. Башкы кеңседеги кийинки өзгөртүү аларды алмаштырат.</translation>
    </message>
    <message>
        <source>Set by headquarters on {date}. Changes made here stay until headquarters changes them again.</source>
        <translation>Башкы кеңсе {date} койгон. Бул жерде киргизилген өзгөртүүлөр башкы кеңсе аларды кайра өзгөрткөнгө чейин сакталат.</translation>
    </message>
    <message>
        <source>Used on the certificates of every community that has no settings of its own, and sent to their offices.</source>
        <translation>Өз жөндөөлөрү жок ар бир жамааттын сертификаттарында колдонулат жана алардын кеңселерине жөнөтүлөт.</translation>
    </message>
    <message>
        <source>{community} has settings of its own (changed on {date}); they are sent to its office with the next return package.</source>
        <translation>{community} жамаатынын өз жөндөөлөрү бар ({date} өзгөртүлгөн); алар анын кеңсесине кийинки кайтуучу пакет менен жөнөтүлөт.</translation>
    </message>
    <message>
        <source>{community} uses the settings for all communities; a change made here gives it settings of its own.</source>
        <translation>{community} бардык жамааттар үчүн жөндөөлөрдү колдонот; бул жердеги өзгөртүү ага өз жөндөөлөрүн берет.</translation>
    </message>
    <message>
        <source>Use the settings for all communities</source>
        <translation>Бардык жамааттар үчүн жөндөөлөрдү колдонуу</translation>
    </message>
    <message>
        <source>Certificates of:</source>
        <translation>Кимдин сертификаттары:</translation>
    </message>
    <message>
        <source>All communities (default)</source>
        <translation>Бардык жамааттар (демейки)</translation>
    </message>
</context>
<context>
    <name>CertificatesDialog</name>
    <message>
        <source>Certificates</source>
        <translation>Сертификаттар</translation>
    </message>
    <message>
        <source>Participant</source>
        <translation>Катышуучу</translation>
    </message>
    <message>
        <source>Hours</source>
        <translation>Сааттар</translation>
    </message>
    <message>
        <source>Certificate</source>
        <translation>Сертификат</translation>
    </message>
    <message>
        <source>Serial number or reason</source>
        <translation>Катар номери же себеби</translation>
    </message>
    <message>
        <source>&amp;Language:</source>
        <translation>&amp;Тил:</translation>
    </message>
    <message>
        <source>One PDF for printing</source>
        <translation>Басып чыгаруу үчүн бир PDF</translation>
    </message>
    <message>
        <source>One PDF per person, into a folder:</source>
        <translation>Ар бир адамга өзүнчө PDF, папкага:</translation>
    </message>
    <message>
        <source>choose a folder</source>
        <translation>папканы тандаңыз</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>Тандоо…</translation>
    </message>
    <message>
        <source>Output:</source>
        <translation>Натыйжа:</translation>
    </message>
    <message>
        <source>&amp;Revoke…</source>
        <translation>&amp;Кайтарып алуу…</translation>
    </message>
    <message>
        <source>C&amp;heck a certificate…</source>
        <translation>Сертификатты т&amp;екшерүү…</translation>
    </message>
    <message>
        <source>Check a printed certificate against the register: its serial number and verification code</source>
        <translation>Басылган сертификатты реестр менен текшерүү: катар номери жана текшерүү коду</translation>
    </message>
    <message>
        <source>&amp;Create PDF</source>
        <translation>PDF тү&amp;зүү</translation>
    </message>
    <message>
        <source>No signer is set: the certificates will have no signature lines. Set them in Settings → Certificates.</source>
        <translation>Кол коюучулар көрсөтүлгөн эмес: сертификаттарда кол коюу үчүн сызыктар болбойт. Аларды «Жөндөөлөр → Сертификаттар» бөлүмүндө көрсөтүңүз.</translation>
    </message>
    <message>
        <source>Open Settings</source>
        <translation>Жөндөөлөрдү ачуу</translation>
    </message>
    <message>
        <source>{community}, {dates}, {hours} hours. A certificate needs at least {share} of the hours.</source>
        <translation>{community}, {dates}, {hours} саат. Сертификат үчүн сааттардын кеминде {share} керек.</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>Ооба</translation>
    </message>
    <message>
        <source>new serial number when printed</source>
        <translation>басылганда жаңы номер берилет</translation>
    </message>
    <message>
        <source>No</source>
        <translation>Жок</translation>
    </message>
    <message>
        <source>Untick to leave this person out of this print run.</source>
        <translation>Бул адамды басып чыгаруудан калтыруу үчүн белгини алыңыз.</translation>
    </message>
    <message>
        <source>{n} of {total} participants get a certificate; {out} do not.</source>
        <translation>{total} катышуучунун {n} сертификат алат; {out} албайт.</translation>
    </message>
    <message>
        <source>Folder for the certificates</source>
        <translation>Сертификаттар үчүн папка</translation>
    </message>
    <message>
        <source>Revoke certificate</source>
        <translation>Сертификатты жокко чыгаруу</translation>
    </message>
    <message>
        <source>Certificate {serial} will no longer be valid; it stays in the register as revoked.
A new certificate with a new number can be printed afterwards.
Why is it revoked?</source>
        <translation>{serial} сертификаты мындан ары жарактуу болбойт; ал реестрде кайтарылып алынган катары калат.
Андан кийин жаңы номер менен жаңы сертификат басып чыгарса болот.
Эмне үчүн кайтарылып алынат?</translation>
    </message>
    <message>
        <source>These certificates will print with no signature lines and no logos.</source>
        <translation>Бул сертификаттар кол коюлчу саптарсыз жана логотиптерсиз басылат.</translation>
    </message>
    <message>
        <source>These certificates will print with no signature lines.</source>
        <translation>Бул сертификаттар кол коюлчу саптарсыз басылат.</translation>
    </message>
    <message>
        <source>These certificates will print with no logos.</source>
        <translation>Бул сертификаттар логотиптерсиз басылат.</translation>
    </message>
    <message>
        <source>Signers and logos are set in Settings → Certificates. Print the certificates anyway?</source>
        <translation>Кол коюучулар жана логотиптер «Жөндөөлөр → Сертификаттар» бөлүмүндө коюлат. Сертификаттарды баары бир басып чыгарасызбы?</translation>
    </message>
    <message>
        <source>Print anyway</source>
        <translation>Баары бир басуу</translation>
    </message>
    <message>
        <source>{n} certificate(s) written to {folder}</source>
        <translation>{folder} папкасына {n} сертификат жазылды</translation>
    </message>
    <message>
        <source>Open folder</source>
        <translation>Папканы ачуу</translation>
    </message>
</context>
<context>
    <name>CompareDialog</name>
    <message>
        <source>Compare plan versions</source>
        <translation>Пландын версияларын салыштыруу</translation>
    </message>
    <message>
        <source>Differences between the two versions: {n}</source>
        <translation>Эки версиянын ортосундагы айырмалар: {n}</translation>
    </message>
    <message>
        <source>The two versions are the same.</source>
        <translation>Эки версия бирдей.</translation>
    </message>
    <message>
        <source>Yellow: changed · green: added · red: removed</source>
        <translation>Сары: өзгөртүлгөн · жашыл: кошулган · кызыл: алынып салынган</translation>
    </message>
    <message>
        <source>Show &amp;only differences</source>
        <translation>&amp;Айырмаларды гана көрсөтүү</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Жабуу</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>Аталышы</translation>
    </message>
    <message>
        <source>Period</source>
        <translation>Мезгил</translation>
    </message>
    <message>
        <source>Context and conflict analysis</source>
        <translation>Кырдаал жана жаңжалдарды талдоо</translation>
    </message>
    <message>
        <source>Vulnerable groups addressed</source>
        <translation>Камтылган аялуу топтор</translation>
    </message>
    <message>
        <source>Objectives</source>
        <translation>Максаттар</translation>
    </message>
    <message>
        <source>Responsible</source>
        <translation>Жооптуу</translation>
    </message>
    <message>
        <source>Partners</source>
        <translation>Өнөктөштөр</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>Башталышы</translation>
    </message>
    <message>
        <source>End</source>
        <translation>Аягы</translation>
    </message>
    <message>
        <source>Budget: project, som</source>
        <translation>Бюджет: долбоор, сом</translation>
    </message>
    <message>
        <source>Budget: local, som</source>
        <translation>Бюджет: жергиликтүү, сом</translation>
    </message>
    <message>
        <source>Budget: other, som</source>
        <translation>Бюджет: башка, сом</translation>
    </message>
    <message>
        <source>Budget: total, som</source>
        <translation>Бюджет: бардыгы, сом</translation>
    </message>
    <message>
        <source>Indicator</source>
        <translation>Индикатор</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Абалы</translation>
    </message>
    <message>
        <source>Plan</source>
        <translation>План</translation>
    </message>
    <message>
        <source>added</source>
        <translation>кошулду</translation>
    </message>
    <message>
        <source>removed</source>
        <translation>алынып салынды</translation>
    </message>
    <message>
        <source>Activity {n}: {title}</source>
        <translation>{n}-иш-чара: {title}</translation>
    </message>
</context>
<context>
    <name>DashboardPage</name>
    <message>
        <source>Donor summary (PDF)…</source>
        <translation>Донор үчүн жыйынтык (PDF)…</translation>
    </message>
    <message>
        <source>advisory group members</source>
        <translation>консультативдик топтун мүчөлөрү</translation>
    </message>
    <message>
        <source>of the members are women</source>
        <translation>мүчөлөрдүн ичинен аялдар</translation>
    </message>
    <message>
        <source>trainings held</source>
        <translation>өткөрүлгөн тренингдер</translation>
    </message>
    <message>
        <source>average attendance, as on the attendance sheets</source>
        <translation>орточо катышуу, катышуу баракчаларындагыдай</translation>
    </message>
    <message>
        <source>local plans</source>
        <translation>жергиликтүү пландар</translation>
    </message>
    <message>
        <source>Members by sex</source>
        <translation>Мүчөлөр жынысы боюнча</translation>
    </message>
    <message>
        <source>Members by sector</source>
        <translation>Мүчөлөр сектор боюнча</translation>
    </message>
    <message>
        <source>Trainings by phase</source>
        <translation>Тренингдер этап боюнча</translation>
    </message>
    <message>
        <source>Plans by status</source>
        <translation>Пландар абалы боюнча</translation>
    </message>
    <message>
        <source>Per community</source>
        <translation>Жамааттар боюнча</translation>
    </message>
    <message>
        <source>Community</source>
        <translation>Жамаат</translation>
    </message>
    <message>
        <source>Members</source>
        <translation>Мүчөлөр</translation>
    </message>
    <message>
        <source>Women</source>
        <translation>Аялдар</translation>
    </message>
    <message>
        <source>Trainings</source>
        <translation>Тренингдер</translation>
    </message>
    <message>
        <source>Attendance</source>
        <translation>Катышуу</translation>
    </message>
    <message>
        <source>Plans</source>
        <translation>Пландар</translation>
    </message>
    <message>
        <source>Approved plans</source>
        <translation>Бекитилген пландар</translation>
    </message>
    <message>
        <source>All communities</source>
        <translation>Бардык жамааттар</translation>
    </message>
    <message>
        <source>Dashboard: {where}</source>
        <translation>Көрсөткүчтөр: {where}</translation>
    </message>
    <message>
        <source>nothing recorded yet</source>
        <translation>азырынча эч нерсе жазылган жок</translation>
    </message>
</context>
<context>
    <name>DiscardGuard</name>
    <message>
        <source>Discard what you entered?</source>
        <translation>Киргизгениңизди жокко чыгарасызбы?</translation>
    </message>
    <message>
        <source>What you entered in this form has not been saved. Close it and lose what you entered?</source>
        <translation>Бул формага киргизгениңиз сакталган жок. Форманы жаап, киргизгениңизден баш тартасызбы?</translation>
    </message>
    <message>
        <source>&amp;Discard</source>
        <translation>&amp;Жокко чыгаруу</translation>
    </message>
    <message>
        <source>&amp;Keep editing</source>
        <translation>&amp;Толтурууну улантуу</translation>
    </message>
</context>
<context>
    <name>DuplicateDialog</name>
    <message>
        <source>This person may already exist</source>
        <translation>Бул адам мурдатан бар болушу мүмкүн</translation>
    </message>
    <message>
        <source>A person with this personal number (PIN) exists in {community}: {name}.</source>
        <translation>{community} жамаатында бул жеке номер (ПИН) менен адам бар: {name}.</translation>
    </message>
    <message>
        <source>A person with this name and birth year exists in {community}: {name}.</source>
        <translation>{community} жамаатында ушундай аты-жөнү жана туулган жылы бар адам бар: {name}.</translation>
    </message>
    <message>
        <source>{name} is already a member of this group. Show them in the group to check or change their details; create a new person only if this is someone else.</source>
        <translation>{name} буга чейин эле бул топтун мүчөсү. Маалыматтарын текшерүү же өзгөртүү үчүн топто көрсөтүңүз; башка адам болсо гана жаңысын кошуңуз.</translation>
    </message>
    <message>
        <source>&amp;Show them in the group</source>
        <translation>&amp;Топто көрсөтүү</translation>
    </message>
    <message>
        <source>Use that person to add the existing record to this group, so their trainings and certificates stay together.</source>
        <translation>Бар жазууну ушул топко кошуу үчүн ошол адамды тандаңыз: ошондо анын тренингдери жана сертификаттары бир жерде калат.</translation>
    </message>
    <message>
        <source>Use that person to keep one record per person.</source>
        <translation>Ар бир адамга бир гана жазуу болушу үчүн ошол адамды тандаңыз.</translation>
    </message>
    <message>
        <source>&amp;Use that person</source>
        <translation>&amp;Ошол адамды тандоо</translation>
    </message>
    <message>
        <source>same personal number (PIN)</source>
        <translation>ошол эле жеке номер (ПИН)</translation>
    </message>
    <message>
        <source>same name</source>
        <translation>ошол эле аты-жөнү</translation>
    </message>
    <message>
        <source>same name in other letters (Latin / Cyrillic)</source>
        <translation>ошол эле аты-жөнү башка тамгалар менен (латын / кирилл)</translation>
    </message>
    <message>
        <source>same name in another word order</source>
        <translation>ошол эле аты-жөнү, сөздөрү башка тартипте</translation>
    </message>
    <message>
        <source>name one letter apart (a typing slip?)</source>
        <translation>аты-жөнү бир тамгага айырмаланат (жазууда ката?)</translation>
    </message>
    <message>
        <source>same name in another spelling</source>
        <translation>ошол эле аты-жөнү башкача жазылган</translation>
    </message>
    <message>
        <source>patronymic written in one record only</source>
        <translation>атасынын аты бир гана жазууда бар</translation>
    </message>
    <message>
        <source>same birth year</source>
        <translation>ошол эле туулган жыл</translation>
    </message>
    <message>
        <source>same phone</source>
        <translation>ошол эле телефон</translation>
    </message>
    <message>
        <source>same community</source>
        <translation>ошол эле жамаат</translation>
    </message>
    <message>
        <source>A person who may be the same exists in {community}: {name}.</source>
        <translation>{community} жамаатында ушул эле адам болушу мүмкүн: {name}.</translation>
    </message>
    <message>
        <source>{n} people may be this person, the most likely first. Choose one to use, or create a new person anyway.</source>
        <translation>{n} адамдын бири ушул адам болушу мүмкүн (эң ыктымалдуусу биринчи). Бирөөнү тандаңыз же баары бир жаңы адам түзүңүз.</translation>
    </message>
    <message>
        <source>&amp;Create anyway</source>
        <translation>&amp;Баары бир түзүү</translation>
    </message>
    <message>
        <source>&amp;Back to the form</source>
        <translation>&amp;Формага кайтуу</translation>
    </message>
    <message>
        <source>Why: {reasons}.</source>
        <translation>Себеби: {reasons}.</translation>
    </message>
    <message>
        <source>born {year}</source>
        <translation>{year}-ж. туулган</translation>
    </message>
    <message>
        <source>member of {groups}</source>
        <translation>мүчөсү: {groups}</translation>
    </message>
    <message>
        <source>born in the year the personal number (PIN) gives</source>
        <translation>жеке номерде (ПИН) көрсөтүлгөн жылы туулган</translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message>
        <source>Export to a spreadsheet</source>
        <translation>Таблицага экспорттоо</translation>
    </message>
    <message>
        <source>&amp;List:</source>
        <translation>&amp;Тизме:</translation>
    </message>
    <message>
        <source>Excel workbook (.xlsx)</source>
        <translation>Excel китеби (.xlsx)</translation>
    </message>
    <message>
        <source>CSV, UTF-8 (.csv)</source>
        <translation>CSV, UTF-8 (.csv)</translation>
    </message>
    <message>
        <source>&amp;Format:</source>
        <translation>&amp;Формат:</translation>
    </message>
    <message>
        <source>&amp;Save as…</source>
        <translation>&amp;Сактоо…</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Жабуу</translation>
    </message>
    <message>
        <source>Excel workbook (*.xlsx)</source>
        <translation>Excel китеби (*.xlsx)</translation>
    </message>
    <message>
        <source>CSV file (*.csv)</source>
        <translation>CSV файлы (*.csv)</translation>
    </message>
    <message numerus="yes">
        <source>%n row(s) written to {path}</source>
        <translation>
            <numerusform>%Ln сап {path} файлына жазылды</numerusform>
            <numerusform>%Ln сап {path} файлына жазылды</numerusform>
        </translation>
    </message>
    <message>
        <source>Donor indicator workbook</source>
        <translation>Донорлор үчүн индикаторлор таблицасы</translation>
    </message>
    <message>
        <source>Save as…</source>
        <translation>Сактоо…</translation>
    </message>
    <message>
        <source>The workbook was saved to {path} ({n} participants listed).</source>
        <translation>Таблица {path} файлына сакталды (тизмедеги катышуучулар: {n}).</translation>
    </message>
</context>
<context>
    <name>FirstWeekPanel</name>
    <message>
        <source>Create the advisory group of your community.</source>
        <translation>Жамаатыңыздын консультативдик тобун түзүңүз.</translation>
    </message>
    <message>
        <source>Create the group</source>
        <translation>Топту түзүү</translation>
    </message>
    <message>
        <source>Add its members (name, sex, sector; phone if they agree).</source>
        <translation>Анын мүчөлөрүн кошуңуз (аты, жынысы, сектору; макул болсо телефону).</translation>
    </message>
    <message>
        <source>Add members</source>
        <translation>Мүчөлөрдү кошуу</translation>
    </message>
    <message>
        <source>Record the first training with its sessions.</source>
        <translation>Биринчи тренингди сабактары менен жазыңыз.</translation>
    </message>
    <message>
        <source>Add a training</source>
        <translation>Тренинг кошуу</translation>
    </message>
    <message>
        <source>Mark who came to a session on the attendance sheet.</source>
        <translation>Сабакка ким келгенин катышуу баракчасында белгилеңиз.</translation>
    </message>
    <message>
        <source>Mark attendance</source>
        <translation>Катышууну белгилөө</translation>
    </message>
    <message>
        <source>Send your first package to headquarters (Sync page).</source>
        <translation>Биринчи пакетиңизди башкы кеңсеге жөнөтүңүз («Маалымат алмашуу» барагы).</translation>
    </message>
    <message>
        <source>Send to headquarters</source>
        <translation>Башкы кеңсеге жөнөтүү</translation>
    </message>
    <message numerus="yes">
        <source>Your first week: %n of 5 step(s) done</source>
        <translation>
            <numerusform>Биринчи жумаңыз: 5 кадамдын %Ln аткарылды</numerusform>
            <numerusform>Биринчи жумаңыз: 5 кадамдын %Ln аткарылды</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>GroupDialog</name>
    <message>
        <source>New advisory group</source>
        <translation>Жаңы консультативдик топ</translation>
    </message>
    <message>
        <source>C&amp;PC name:</source>
        <translation>&amp;КАБдын аталышы:</translation>
    </message>
    <message>
        <source>Community: {name}</source>
        <translation>Жамаат: {name}</translation>
    </message>
    <message>
        <source>{community} advisory group</source>
        <translation>{community} консультативдик тобу</translation>
    </message>
    <message>
        <source>e.g. community prevention centre (CPC)</source>
        <translation>мисалы, коомдук алдын алуу борбору (КАБ)</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>&amp;Аталышы:</translation>
    </message>
    <message>
        <source>&amp;Formed on:</source>
        <translation>&amp;Түзүлгөн күнү:</translation>
    </message>
    <message>
        <source>&amp;Create</source>
        <translation>Тү&amp;зүү</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Жокко чыгаруу</translation>
    </message>
</context>
<context>
    <name>HistoryDialog</name>
    <message>
        <source>Membership history</source>
        <translation>Мүчөлүк тарыхы</translation>
    </message>
    <message>
        <source>Groups of {name}</source>
        <translation>{name}: топтору</translation>
    </message>
    <message>
        <source>Group</source>
        <translation>Топ</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Ролу</translation>
    </message>
    <message>
        <source>Joined</source>
        <translation>Кошулган</translation>
    </message>
    <message>
        <source>Left</source>
        <translation>Чыккан</translation>
    </message>
    <message>
        <source>current member</source>
        <translation>азыркы мүчө</translation>
    </message>
    <message>
        <source>This person has never been in an advisory group.</source>
        <translation>Бул адам эч качан консультативдик топто болгон эмес.</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Жабуу</translation>
    </message>
</context>
<context>
    <name>IdleLock</name>
    <message>
        <source>Checking…</source>
        <translation>Текшерилүүдө…</translation>
    </message>
    <message>
        <source>Checking the password…</source>
        <translation>Сырсөз текшерилүүдө…</translation>
    </message>
</context>
<context>
    <name>ImportAttendanceDialog</name>
    <message>
        <source>Import attendance from a spreadsheet</source>
        <translation>Катышууну таблицадан импорттоо</translation>
    </message>
    <message>
        <source>&amp;Training:</source>
        <translation>&amp;Тренинг:</translation>
    </message>
    <message>
        <source>No file chosen</source>
        <translation>Файл тандалган жок</translation>
    </message>
    <message>
        <source>&amp;Choose file…</source>
        <translation>Файл &amp;тандоо…</translation>
    </message>
    <message>
        <source>File:</source>
        <translation>Файл:</translation>
    </message>
    <message>
        <source>Row</source>
        <translation>Сап</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Аты</translation>
    </message>
    <message>
        <source>What happens</source>
        <translation>Эмне болот</translation>
    </message>
    <message>
        <source>Add people who are not on the training&apos;s sheet as &amp;walk-ins</source>
        <translation>Тренингдин тизмесинде жоктордү &amp;тизмесиз келгендер катары кошуу</translation>
    </message>
    <message>
        <source>&amp;Import</source>
        <translation>&amp;Импорттоо</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Жабуу</translation>
    </message>
    <message>
        <source>There is no training yet.</source>
        <translation>Азырынча тренинг жок.</translation>
    </message>
    <message>
        <source>Spreadsheets (*.xlsx *.csv *.txt);;All files (*)</source>
        <translation>Таблицалар (*.xlsx *.csv *.txt);;Бардык файлдар (*)</translation>
    </message>
    <message>
        <source>Marks: {marks}</source>
        <translation>Белгилер: {marks}</translation>
    </message>
    <message>
        <source>Not on the sheet: added as a walk-in. Marks: {marks}</source>
        <translation>Тизмеде жок: тизмесиз келген катары кошулат. Белгилер: {marks}</translation>
    </message>
    <message>
        <source>Not imported: {why}</source>
        <translation>Импорттолбойт: {why}</translation>
    </message>
    <message>
        <source>Nothing is saved yet. Sessions read from the columns: {columns}.</source>
        <translation>Азырынча эч нерсе сакталган жок. Сабактар мамычалардан алынды: {columns}.</translation>
    </message>
    <message>
        <source>Saved: {marks} marks, {walk_ins} walk-ins added, {refused} rows left out.</source>
        <translation>Сакталды: белгилер — {marks}, тизмесиз кошулгандар — {walk_ins}, калтырылган саптар — {refused}.</translation>
    </message>
</context>
<context>
    <name>ImportRosterDialog</name>
    <message>
        <source>Import a roster from Excel or CSV</source>
        <translation>Тизмени Excel же CSV файлынан импорттоо</translation>
    </message>
    <message>
        <source>No file chosen</source>
        <translation>Файл тандалган жок</translation>
    </message>
    <message>
        <source>&amp;Choose file…</source>
        <translation>Файл &amp;тандоо…</translation>
    </message>
    <message>
        <source>File:</source>
        <translation>Файл:</translation>
    </message>
    <message>
        <source>Add to &amp;group:</source>
        <translation>&amp;Топко кошуу:</translation>
    </message>
    <message>
        <source>Columns: what each column of the file holds</source>
        <translation>Мамычалар: файлдын ар бир мамычасында эмне бар</translation>
    </message>
    <message>
        <source>Column in the file</source>
        <translation>Файлдагы мамыча</translation>
    </message>
    <message>
        <source>First value</source>
        <translation>Биринчи маани</translation>
    </message>
    <message>
        <source>Imported as</source>
        <translation>Импорттолот</translation>
    </message>
    <message>
        <source>Rows: checked before anything is saved</source>
        <translation>Саптар: сактоодон мурун текшерилди</translation>
    </message>
    <message>
        <source>Row</source>
        <translation>Сап</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Аты</translation>
    </message>
    <message>
        <source>What happens</source>
        <translation>Эмне болот</translation>
    </message>
    <message>
        <source>&amp;Import</source>
        <translation>&amp;Импорттоо</translation>
    </message>
    <message>
        <source>&amp;Take this import back</source>
        <translation>Бул импортту &amp;жокко чыгаруу</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Жабуу</translation>
    </message>
    <message>
        <source>There is no advisory group yet. Create the group first, then import its members.</source>
        <translation>Азырынча консультативдик топ жок. Адегенде топту түзүп, андан кийин мүчөлөрүн импорттоңуз.</translation>
    </message>
    <message>
        <source>Choose a roster</source>
        <translation>Тизмени тандаңыз</translation>
    </message>
    <message>
        <source>Spreadsheets (*.xlsx *.csv *.txt);;All files (*)</source>
        <translation>Таблицалар (*.xlsx *.csv *.txt);;Бардык файлдар (*)</translation>
    </message>
    <message>
        <source>Not imported: {why}</source>
        <translation>Импорттолбойт: {why}</translation>
    </message>
    <message>
        <source>, born {year}</source>
        <translation>, {year}-ж. туулган</translation>
    </message>
    <message>
        <source>Same as {name}{born} ({community}) already stored</source>
        <translation>Базадагы {name}{born} ({community}) менен бир адам</translation>
    </message>
    <message>
        <source>A new person</source>
        <translation>Жаңы адам</translation>
    </message>
    <message>
        <source>Leave out</source>
        <translation>Калтыруу</translation>
    </message>
    <message>
        <source>Nothing is saved yet. Importing will add {added} new people, add {matched} people already stored to the group and leave out {refused} rows.</source>
        <translation>Азырынча эч нерсе сакталган жок. Импорт жаңы адамдарды кошот: {added}, базадагыларды топко кошот: {matched}, саптарды калтырат: {refused}.</translation>
    </message>
    <message>
        <source>Imported: {added} new people, {matched} people already stored added to the group, {refused} rows left out.</source>
        <translation>Импорттолду: жаңы адамдар — {added}, базадагылар топко кошулду — {matched}, калтырылган саптар — {refused}.</translation>
    </message>
    <message>
        <source>Delete the people and memberships this import added? People who were already stored stay.</source>
        <translation>Бул импорт кошкон адамдарды жана мүчөлүктөрдү өчүрөсүзбү? Мурун жазылган адамдар калат.</translation>
    </message>
    <message>
        <source>&amp;Take it back</source>
        <translation>Импортту &amp;жокко чыгаруу</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Жокко чыгаруу</translation>
    </message>
    <message>
        <source>The import was taken back.</source>
        <translation>Импорт жокко чыгарылды.</translation>
    </message>
</context>
<context>
    <name>LockCover</name>
    <message>
        <source>STRIVE Desktop is locked</source>
        <translation>STRIVE Desktop кулпуланган</translation>
    </message>
    <message>
        <source>Enter the password of {name} to go on. Nothing you typed is lost.</source>
        <translation>Улантуу үчүн {name} сырсөзүн киргизиңиз. Терилген эч нерсе жоголгон жок.</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Сырсөз</translation>
    </message>
    <message>
        <source>&amp;Unlock</source>
        <translation>&amp;Кулпусун ачуу</translation>
    </message>
</context>
<context>
    <name>LoginDialog</name>
    <message>
        <source>Create the administrator&apos;s account. The data on this computer is encrypted: without a name and password nobody can read it. Choose a password of at least {n} characters and keep it safe.</source>
        <translation>Администратордун аккаунтун түзүңүз. Бул компьютердеги маалымат шифрленген: аты жана сырсөзү жок эч ким аны окуй албайт. Кеминде {n} белгиден турган сырсөз тандап, аны коопсуз сактаңыз.</translation>
    </message>
    <message>
        <source>Log in with your name and password.</source>
        <translation>Атыңызды жана сырсөзүңүздү киргизип кириңиз.</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>&amp;Аты:</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>&amp;Сырсөз:</translation>
    </message>
    <message>
        <source>&amp;Repeat the password:</source>
        <translation>Сырсөздү &amp;кайталаңыз:</translation>
    </message>
    <message>
        <source>&amp;Create the account</source>
        <translation>Аккаунтту &amp;түзүү</translation>
    </message>
    <message>
        <source>&amp;Log in</source>
        <translation>&amp;Кирүү</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Жокко чыгаруу</translation>
    </message>
    <message>
        <source>Enter your name.</source>
        <translation>Атыңызды киргизиңиз.</translation>
    </message>
    <message>
        <source>The two passwords are not the same.</source>
        <translation>Эки сырсөз бирдей эмес.</translation>
    </message>
    <message>
        <source>Checking…</source>
        <translation>Текшерилүүдө…</translation>
    </message>
    <message>
        <source>Wrong name or password.</source>
        <translation>Аты же сырсөзү туура эмес.</translation>
    </message>
    <message>
        <source>Forgot every password?</source>
        <translation>Бардык сырсөздөр унутулдубу?</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Dashboard</source>
        <translation>Көрсөткүчтөр</translation>
    </message>
    <message>
        <source>Advisory group</source>
        <translation>Консультативдик топ</translation>
    </message>
    <message>
        <source>People</source>
        <translation>Адамдар</translation>
    </message>
    <message>
        <source>Trainings</source>
        <translation>Тренингдер</translation>
    </message>
    <message>
        <source>Local plans</source>
        <translation>Жергиликтүү пландар</translation>
    </message>
    <message>
        <source>Vulnerable groups</source>
        <translation>Аялуу топтор</translation>
    </message>
    <message>
        <source>Sync</source>
        <translation>Маалымат алмашуу</translation>
    </message>
    <message>
        <source>Same people?</source>
        <translation>Бир эле адамдарбы?</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>Жөндөөлөр</translation>
    </message>
    <message>
        <source>Community:</source>
        <translation>Жамаат:</translation>
    </message>
    <message>
        <source>Opening the data folder…</source>
        <translation>Маалыматтар папкасы ачылууда…</translation>
    </message>
    <message>
        <source>&amp;Data</source>
        <translation>&amp;Маалыматтар</translation>
    </message>
    <message>
        <source>&amp;Import roster…</source>
        <translation>Тизмени &amp;импорттоо…</translation>
    </message>
    <message>
        <source>Import &amp;attendance…</source>
        <translation>&amp;Катышууну импорттоо…</translation>
    </message>
    <message>
        <source>&amp;Export to spreadsheet…</source>
        <translation>Таблицага &amp;экспорттоо…</translation>
    </message>
    <message>
        <source>&amp;Donor indicator workbook…</source>
        <translation>&amp;Донорлор үчүн индикаторлор…</translation>
    </message>
    <message>
        <source>All communities</source>
        <translation>Бардык жамааттар</translation>
    </message>
    <message>
        <source>Delivery folder reached at {time}</source>
        <translation>Жеткирүү папкасы жеткиликтүү ({time})</translation>
    </message>
    <message numerus="yes">
        <source>Delivery folder not reachable ({time}): %n package(s) waiting</source>
        <translation>
            <numerusform>Жеткирүү папкасы жеткиликсиз ({time}): %Ln пакет күтүүдө</numerusform>
            <numerusform>Жеткирүү папкасы жеткиликсиз ({time}): %Ln пакет күтүүдө</numerusform>
        </translation>
    </message>
    <message>
        <source>Data folder: {path}</source>
        <translation>Маалыматтар папкасы: {path}</translation>
    </message>
    <message numerus="yes">
        <source>%n change(s) not yet exported</source>
        <translation>
            <numerusform>%Ln өзгөртүү азырынча жөнөтүлө элек</numerusform>
            <numerusform>%Ln өзгөртүү азырынча жөнөтүлө элек</numerusform>
        </translation>
    </message>
    <message>
        <source>Everything exported</source>
        <translation>Баары жөнөтүлдү</translation>
    </message>
    <message>
        <source>There are unsaved changes on: {pages}.
Save them before closing?</source>
        <translation>Сакталбаган өзгөртүүлөр бар: {pages}.
Жабуудан мурун сактайлыбы?</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>&amp;Сактоо</translation>
    </message>
    <message>
        <source>&amp;Don&apos;t save</source>
        <translation>&amp;Сактабоо</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Жокко чыгаруу</translation>
    </message>
    <message>
        <source>About</source>
        <translation>Программа жөнүндө</translation>
    </message>
    <message>
        <source>Version, build and data folder (F1)</source>
        <translation>Версиясы, куралышы жана маалыматтар папкасы (F1)</translation>
    </message>
    <message>
        <source>No package received from an office yet</source>
        <translation>Кеңселерден азырынча пакет келе элек</translation>
    </message>
    <message>
        <source>Last package from an office: {date} {time}</source>
        <translation>Кеңседен акыркы пакет: {date} {time}</translation>
    </message>
    <message>
        <source>packages waiting for acceptance: {n}</source>
        <translation>кабыл алууну күткөн пакеттер: {n}</translation>
    </message>
</context>
<context>
    <name>MemberTableModel</name>
    <message>
        <source>Name</source>
        <translation>Аты-жөнү</translation>
    </message>
    <message>
        <source>Sex</source>
        <translation>Жынысы</translation>
    </message>
    <message>
        <source>Age</source>
        <translation>Жашы</translation>
    </message>
    <message>
        <source>Sector</source>
        <translation>Сектор</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Ролу</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Телефон</translation>
    </message>
</context>
<context>
    <name>MoveDialog</name>
    <message>
        <source>Move to another group</source>
        <translation>Башка топко которуу</translation>
    </message>
    <message>
        <source>Move {name} &amp;to:</source>
        <translation>{name} кайсы &amp;топко которулат:</translation>
    </message>
    <message>
        <source>Moved &amp;on:</source>
        <translation>Которулган кү&amp;нү:</translation>
    </message>
    <message>
        <source>The membership in the current group ends on that day and the new one starts; the old one stays in the history.</source>
        <translation>Учурдагы топтогу мүчөлүк ошол күнү бүтүп, жаңысы башталат; эскиси тарыхта калат.</translation>
    </message>
    <message>
        <source>&amp;Move</source>
        <translation>&amp;Которуу</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Жокко чыгаруу</translation>
    </message>
</context>
<context>
    <name>NewPlanDialog</name>
    <message>
        <source>New local plan</source>
        <translation>Жаңы жергиликтүү план</translation>
    </message>
    <message>
        <source>Give the plan a title and the period it covers. Sections and activities are filled in afterwards; everything is saved as you type.</source>
        <translation>Пландын аталышын жана мезгилин жазыңыз. Бөлүмдөр жана иш-чаралар кийин толтурулат; жазганыңыз дароо сакталат.</translation>
    </message>
    <message>
        <source>Choose the community</source>
        <translation>Жамаатты тандаңыз</translation>
    </message>
    <message>
        <source>&amp;Community:</source>
        <translation>&amp;Жамаат:</translation>
    </message>
    <message>
        <source>e.g. Local plan for the prevention of violent extremism 2027</source>
        <translation>мисалы, Экстремизмдин алдын алуу планы 2027</translation>
    </message>
    <message>
        <source>&amp;Title:</source>
        <translation>&amp;Аталышы:</translation>
    </message>
    <message>
        <source>&amp;Period:</source>
        <translation>&amp;Мезгил:</translation>
    </message>
    <message>
        <source>C&amp;reate plan</source>
        <translation>&amp;План түзүү</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Жокко чыгаруу</translation>
    </message>
    <message>
        <source>Choose the community the plan belongs to.</source>
        <translation>План таандык болгон жамаатты тандаңыз.</translation>
    </message>
</context>
<context>
    <name>PdfPreview</name>
    <message>
        <source>{title} — preview</source>
        <translation>{title} — алдын ала көрүү</translation>
    </message>
    <message>
        <source>Preview</source>
        <translation>Алдын ала көрүү</translation>
    </message>
    <message>
        <source>&amp;Print…</source>
        <translation>&amp;Басып чыгаруу…</translation>
    </message>
    <message>
        <source>&amp;Save as…</source>
        <translation>&amp;Башкача сактоо…</translation>
    </message>
    <message>
        <source>Whole page</source>
        <translation>Бүт барак</translation>
    </message>
    <message>
        <source>Fit width</source>
        <translation>Туурасы боюнча</translation>
    </message>
    <message>
        <source>Zoom in</source>
        <translation>Чоңойтуу</translation>
    </message>
    <message>
        <source>Zoom out</source>
        <translation>Кичирейтүү</translation>
    </message>
    <message>
        <source>Previous</source>
        <translation>Мурунку</translation>
    </message>
    <message>
        <source>Previous page (Page Up)</source>
        <translation>Мурунку барак (Page Up)</translation>
    </message>
    <message>
        <source>Next</source>
        <translation>Кийинки</translation>
    </message>
    <message>
        <source>Next page (Page Down)</source>
        <translation>Кийинки барак (Page Down)</translation>
    </message>
    <message>
        <source>Page {page} of {count}</source>
        <translation>{count} барактын {page}-барагы</translation>
    </message>
    <message>
        <source>Page number</source>
        <translation>Барактын номери</translation>
    </message>
    <message>
        <source>Go to page</source>
        <translation>Баракка өтүү</translation>
    </message>
    <message>
        <source>Open in PDF viewer</source>
        <translation>PDF көрүүчү программада ачуу</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Жабуу</translation>
    </message>
    <message>
        <source>Page {x} of {y}</source>
        <translation>{y} барактын {x}-барагы</translation>
    </message>
    <message>
        <source>Save the PDF as</source>
        <translation>PDFти башкача сактоо</translation>
    </message>
    <message>
        <source>PDF (*.pdf)</source>
        <translation>PDF (*.pdf)</translation>
    </message>
    <message>
        <source>Save as</source>
        <translation>Башкача сактоо</translation>
    </message>
    <message>
        <source>The PDF could not be saved to {path}:
{reason}</source>
        <translation>PDF {path} жерине сакталган жок:
{reason}</translation>
    </message>
    <message>
        <source>Saved to {path}</source>
        <translation>Сакталды: {path}</translation>
    </message>
    <message>
        <source>Print</source>
        <translation>Басып чыгаруу</translation>
    </message>
    <message>
        <source>The printer could not be started.</source>
        <translation>Принтерди иштетүү мүмкүн болгон жок.</translation>
    </message>
    <message>
        <source>{n} page(s) sent to the printer.</source>
        <translation>Принтерге {n} барак жөнөтүлдү.</translation>
    </message>
</context>
<context>
    <name>PeoplePage</name>
    <message>
        <source>&amp;Add person</source>
        <extracomment>Rows read at once for the first screen before everyone is read in the background. Emitted when everyone is in the list (filtering and sorting over all of them).</extracomment>
        <translation>&amp;Адам кошуу</translation>
    </message>
    <message>
        <source>Add a person (Ctrl+N)</source>
        <translation>Адам кошуу (Ctrl+N)</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>&amp;Оңдоо</translation>
    </message>
    <message>
        <source>&amp;History</source>
        <translation>&amp;Тарых</translation>
    </message>
    <message>
        <source>&amp;Delete</source>
        <translation>&amp;Өчүрүү</translation>
    </message>
    <message>
        <source>Nobody is recorded in this community yet. Press “Add person” (Ctrl+N), or add members on the Advisory group page.</source>
        <translation>Бул жамаатта азырынча эч ким жазылган эмес. «Адам кошуу» (Ctrl+N) баскычын басыңыз же «Консультативдик топ» барагында мүчөлөрдү кошуңуз.</translation>
    </message>
    <message>
        <source>People</source>
        <translation>Адамдар</translation>
    </message>
    <message>
        <source>All communities</source>
        <translation>Бардык жамааттар</translation>
    </message>
    <message>
        <source>Reading…</source>
        <translation>Окулууда…</translation>
    </message>
    <message>
        <source>Searching…</source>
        <translation>Изделүүдө…</translation>
    </message>
    <message>
        <source>STRIVE Desktop</source>
        <translation>STRIVE Desktop</translation>
    </message>
    <message>
        <source>Choose a community at the top first: a person belongs to one community.</source>
        <translation>Адегенде жогорудан жамаатты тандаңыз: адам бир жамаатка таандык.</translation>
    </message>
    <message>
        <source>{name} was deleted; their group memberships were ended.</source>
        <translation>{name} өчүрүлдү; анын топтордогу мүчөлүгү токтотулду.</translation>
    </message>
</context>
<context>
    <name>PeopleTableModel</name>
    <message>
        <source>Name</source>
        <translation>Аты-жөнү</translation>
    </message>
    <message>
        <source>Sex</source>
        <translation>Жынысы</translation>
    </message>
    <message>
        <source>Age</source>
        <translation>Жашы</translation>
    </message>
    <message>
        <source>Sector</source>
        <translation>Сектор</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Телефон</translation>
    </message>
    <message>
        <source>Community</source>
        <translation>Жамаат</translation>
    </message>
</context>
<context>
    <name>PersonDialog</name>
    <message>
        <source>Choose</source>
        <translation>Тандаңыз</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>&amp;Сактоо</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Жокко чыгаруу</translation>
    </message>
    <message>
        <source>Edit person</source>
        <translation>Адамдын маалыматын оңдоо</translation>
    </message>
    <message>
        <source>Change the details of {name}.</source>
        <translation>{name}: маалыматтарды өзгөртүңүз.</translation>
    </message>
    <message>
        <source>Add person</source>
        <translation>Адам кошуу</translation>
    </message>
    <message>
        <source>Full name, sex and sector are required; the rest can be added later.</source>
        <translation>Аты-жөнү, жынысы жана сектору милдеттүү; калганын кийин кошсо болот.</translation>
    </message>
    <message>
        <source>Person</source>
        <translation>Адам</translation>
    </message>
    <message>
        <source>&amp;Full name:</source>
        <translation>&amp;Аты-жөнү:</translation>
    </message>
    <message>
        <source>Surname Given name (Patronymic)</source>
        <translation>Фамилиясы Аты (Атасынын аты)</translation>
    </message>
    <message>
        <source>Se&amp;x:</source>
        <translation>&amp;Жынысы:</translation>
    </message>
    <message>
        <source>&amp;Birth year:</source>
        <translation>&amp;Туулган жылы:</translation>
    </message>
    <message>
        <source>e.g. 1985</source>
        <translation>мисалы, 1985</translation>
    </message>
    <message>
        <source>S&amp;ector:</source>
        <translation>С&amp;ектор:</translation>
    </message>
    <message>
        <source>&amp;Role in the group:</source>
        <translation>Топтогу &amp;ролу:</translation>
    </message>
    <message>
        <source>&amp;Phone:</source>
        <translation>Те&amp;лефон:</translation>
    </message>
    <message>
        <source>0555 12 34 56</source>
        <translation>0555 12 34 56</translation>
    </message>
    <message>
        <source>P&amp;IN (personal number):</source>
        <translation>П&amp;ИН (жеке номер):</translation>
    </message>
    <message>
        <source>14 digits, optional</source>
        <translation>14 сан, милдеттүү эмес</translation>
    </message>
    <message>
        <source>&amp;Organisation:</source>
        <translation>&amp;Уюм:</translation>
    </message>
    <message>
        <source>Posi&amp;tion:</source>
        <translation>&amp;Кызматы:</translation>
    </message>
    <message>
        <source>&amp;Consent signed on:</source>
        <translation>&amp;Макулдукка кол коюлган күн:</translation>
    </message>
    <message>
        <source>given</source>
        <translation>берилди</translation>
    </message>
    <message>
        <source>&amp;Notes:</source>
        <translation>&amp;Эскертүүлөр:</translation>
    </message>
</context>
<context>
    <name>PlanSavedState</name>
    <message>
        <source>Saved {time}</source>
        <translation>{time} сакталды</translation>
    </message>
    <message>
        <source>Received from {place}, saved there {time}</source>
        <translation>{place} жөнөткөн, ал жерде {time} сакталган</translation>
    </message>
    <message>
        <source>Received from another installation, saved there {time}</source>
        <translation>Башка орнотуудан келген, ал жерде {time} сакталган</translation>
    </message>
</context>
<context>
    <name>PlanTextTab</name>
    <message>
        <source>&amp;Title:</source>
        <translation>&amp;Аталышы:</translation>
    </message>
    <message>
        <source>P&amp;eriod:</source>
        <translation>&amp;Мезгил:</translation>
    </message>
    <message>
        <source>not set</source>
        <translation>белгиленген эмес</translation>
    </message>
    <message>
        <source>&amp;Context and conflict analysis</source>
        <translation>&amp;Кырдаал жана жаңжалдарды талдоо</translation>
    </message>
    <message>
        <source>What is happening in the community; risks, tensions, their causes</source>
        <translation>Жамаатта эмне болуп жатат; тобокелдиктер, чыңалуулар жана алардын себептери</translation>
    </message>
    <message>
        <source>&amp;Vulnerable groups addressed</source>
        <translation>Камтылган аялуу &amp;топтор</translation>
    </message>
    <message>
        <source>Who is most at risk and why</source>
        <translation>Ким көбүрөөк коркунучта жана эмне үчүн</translation>
    </message>
    <message>
        <source>&amp;Objectives</source>
        <translation>Мак&amp;саттар</translation>
    </message>
    <message>
        <source>What the plan wants to achieve (needed to submit)</source>
        <translation>План эмнеге жетүүнү көздөйт (жөнөтүү үчүн керек)</translation>
    </message>
</context>
<context>
    <name>PlansPage</name>
    <message>
        <source>Local plans</source>
        <translation>Жергиликтүү пландар</translation>
    </message>
    <message>
        <source>&amp;New plan…</source>
        <translation>&amp;Жаңы план…</translation>
    </message>
    <message>
        <source>Start a new local plan (Ctrl+N)</source>
        <translation>Жаңы жергиликтүү план баштоо (Ctrl+N)</translation>
    </message>
    <message>
        <source>&amp;Delete plan</source>
        <translation>Планды &amp;өчүрүү</translation>
    </message>
    <message>
        <source>Only a draft can be deleted</source>
        <translation>Долбоорду гана өчүрүүгө болот</translation>
    </message>
    <message>
        <source>Start the local plan</source>
        <translation>Жергиликтүү планды баштоо</translation>
    </message>
    <message>
        <source>Save as &amp;revision…</source>
        <translation>&amp;Редакция катары сактоо…</translation>
    </message>
    <message>
        <source>Keep a copy of the plan as it is now, with a note</source>
        <translation>Пландын азыркы көчүрмөсүн эскертүү менен сактоо</translation>
    </message>
    <message>
        <source>&amp;Submit</source>
        <translation>Жө&amp;нөтүү</translation>
    </message>
    <message>
        <source>Send the plan for approval; it becomes read-only</source>
        <translation>Планды бекитүүгө жөнөтүү; андан кийин аны өзгөртүүгө болбойт</translation>
    </message>
    <message>
        <source>&amp;Approve</source>
        <translation>&amp;Бекитүү</translation>
    </message>
    <message>
        <source>Approve the submitted plan; an approved plan is final</source>
        <translation>Жөнөтүлгөн планды бекитүү; бекитилген план акыркы болуп саналат</translation>
    </message>
    <message>
        <source>Return to dra&amp;ft</source>
        <translation>&amp;Долбоорго кайтаруу</translation>
    </message>
    <message>
        <source>Send the submitted plan back for changes</source>
        <translation>Жөнөтүлгөн планды оңдоого кайтаруу</translation>
    </message>
    <message>
        <source>Pr&amp;int plan…</source>
        <translation>Планды басып &amp;чыгаруу…</translation>
    </message>
    <message>
        <source>Plan</source>
        <translation>План</translation>
    </message>
    <message>
        <source>Activities</source>
        <translation>Иш-чаралар</translation>
    </message>
    <message>
        <source>Revisions</source>
        <translation>Редакциялар</translation>
    </message>
    <message>
        <source>Project</source>
        <translation>Долбоор</translation>
    </message>
    <message>
        <source>Local</source>
        <translation>Жергиликтүү</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>Башка</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>Бардыгы</translation>
    </message>
    <message>
        <source>&amp;Compare…</source>
        <translation>&amp;Салыштыруу…</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Абалы</translation>
    </message>
    <message>
        <source>All communities</source>
        <translation>Бардык жамааттар</translation>
    </message>
    <message>
        <source>There are no local plans yet.</source>
        <translation>Азырынча жергиликтүү пландар жок.</translation>
    </message>
    <message>
        <source>No local plan yet. Start one: the sections and activities are saved as you type.</source>
        <translation>Азырынча жергиликтүү план жок. Аны баштаңыз: бөлүмдөр жана иш-чаралар жазылган сайын сакталат.</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>Аталышы</translation>
    </message>
    <message>
        <source>Community</source>
        <translation>Жамаат</translation>
    </message>
    <message>
        <source>Period</source>
        <translation>Мезгил</translation>
    </message>
    <message>
        <source>Revision</source>
        <translation>Редакция</translation>
    </message>
    <message>
        <source>Project, som</source>
        <translation>Долбоор, сом</translation>
    </message>
    <message>
        <source>Local, som</source>
        <translation>Жергиликтүү, сом</translation>
    </message>
    <message>
        <source>Other, som</source>
        <translation>Башка, сом</translation>
    </message>
    <message>
        <source>Total, som</source>
        <translation>Бардыгы, сом</translation>
    </message>
    <message>
        <source>STRIVE Desktop</source>
        <translation>STRIVE Desktop</translation>
    </message>
    <message>
        <source>The open plan could not be saved:
{reason}

Stay and correct it, or discard the unsaved changes?</source>
        <translation>Ачык план сакталган жок:
{reason}

Калып оңдойсузбу, же сакталбаган өзгөртүүлөрдөн баш тартасызбы?</translation>
    </message>
    <message>
        <source>&amp;Stay</source>
        <translation>&amp;Калуу</translation>
    </message>
    <message>
        <source>&amp;Discard changes</source>
        <translation>Өзгөртүүлөрдөн &amp;баш тартуу</translation>
    </message>
    <message>
        <source>Saved {time}</source>
        <translation>{time} сакталды</translation>
    </message>
    <message>
        <source>This plan is submitted, so it cannot be edited. To change it, use “Return to draft”; after approval it becomes final.</source>
        <translation>Бул план жөнөтүлгөн, ошондуктан аны оңдоого болбойт. Өзгөртүү үчүн «Долбоорго кайтаруу» баскычын басыңыз; бекитилгенден кийин план акыркы болот.</translation>
    </message>
    <message>
        <source>This plan is approved and final: it can no longer be edited. Its text is kept in revision {n}.</source>
        <translation>Бул план бекитилген жана акыркы: аны мындан ары оңдоого болбойт. Анын тексти {n}-редакцияда сакталган.</translation>
    </message>
    <message>
        <source>Read-only</source>
        <translation>Окуу үчүн гана</translation>
    </message>
    <message>
        <source>Activities ({n})</source>
        <translation>Иш-чаралар ({n})</translation>
    </message>
    <message>
        <source>Unsaved changes</source>
        <translation>Сакталбаган өзгөртүүлөр</translation>
    </message>
    <message>
        <source>{amount} som</source>
        <translation>{amount} сом</translation>
    </message>
    <message>
        <source>Row {n}: {problem}</source>
        <translation>{n}-сап: {problem}</translation>
    </message>
    <message>
        <source>Not saved: {reason}</source>
        <translation>Сакталган жок: {reason}</translation>
    </message>
    <message>
        <source>The plan was not saved because something needs correcting:
{reason}

The marked fields show what.</source>
        <translation>План сакталган жок, анткени бир нерсени оңдош керек:
{reason}

Белгиленген талаалар эмнени экенин көрсөтөт.</translation>
    </message>
    <message>
        <source>Not saved</source>
        <translation>Сакталган жок</translation>
    </message>
    <message>
        <source>Remove activity</source>
        <translation>Иш-чараны алып салуу</translation>
    </message>
    <message>
        <source>Remove the activity “{title}” from the plan?
Earlier revisions keep it.</source>
        <translation>«{title}» иш-чарасын пландан алып саласызбы?
Мурунку редакцияларда ал сакталып калат.</translation>
    </message>
    <message>
        <source>(no title)</source>
        <translation>(аталышы жок)</translation>
    </message>
    <message>
        <source>Revisions ({n})</source>
        <translation>Редакциялар ({n})</translation>
    </message>
    <message>
        <source>&amp;Compare with the current text…</source>
        <translation>Азыркы текст менен &amp;салыштыруу…</translation>
    </message>
    <message>
        <source>Save as revision</source>
        <translation>Редакция катары сактоо</translation>
    </message>
    <message>
        <source>A revision keeps the plan exactly as it is now.
Note (optional), e.g. “after the advisory group meeting”:</source>
        <translation>Редакция планды азыр кандай болсо, так ошондой сактайт.
Эскертүү (милдеттүү эмес), мисалы, «консультативдик топтун жыйынынан кийин»:</translation>
    </message>
    <message>
        <source>&amp;Save revision</source>
        <translation>Редакцияны &amp;сактоо</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Жокко чыгаруу</translation>
    </message>
    <message>
        <source>Saved as revision {n}</source>
        <translation>{n}-редакция катары сакталды</translation>
    </message>
    <message>
        <source>Current text</source>
        <translation>Азыркы текст</translation>
    </message>
    <message>
        <source>Revision {n}</source>
        <translation>{n}-редакция</translation>
    </message>
    <message>
        <source>Select one or two revisions in the list first.</source>
        <translation>Адегенде тизмеден бир же эки редакцияны тандаңыз.</translation>
    </message>
    <message>
        <source>Submit “{title}” for approval?
A submitted plan cannot be edited unless it is returned to draft. A revision is saved automatically.</source>
        <translation>«{title}» планын бекитүүгө жөнөтөсүзбү?
Жөнөтүлгөн планды долбоорго кайтарылмайынча оңдоого болбойт. Редакция автоматтык түрдө сакталат.</translation>
    </message>
    <message>
        <source>Approve “{title}”?
An approved plan is final and can no longer be changed.</source>
        <translation>«{title}» планын бекитесизби?
Бекитилген план акыркы болуп саналат жана мындан ары өзгөртүлбөйт.</translation>
    </message>
    <message>
        <source>Return “{title}” to draft?
It can be edited again and must be submitted again for approval.</source>
        <translation>«{title}» долбоорго кайтарылсынбы?
Аны кайра оңдоого болот жана бекитүү үчүн кайра жөнөтүү керек.</translation>
    </message>
    <message>
        <source>Change plan status</source>
        <translation>Пландын абалын өзгөртүү</translation>
    </message>
    <message>
        <source>Only a draft plan can be deleted.</source>
        <translation>Пландын долбоорун гана өчүрүүгө болот.</translation>
    </message>
    <message>
        <source>Delete plan</source>
        <translation>Планды өчүрүү</translation>
    </message>
    <message>
        <source>Delete the plan “{title}” with its activities and revisions?</source>
        <translation>«{title}» планын иш-чаралары жана редакциялары менен кошо өчүрөсүзбү?</translation>
    </message>
</context>
<context>
    <name>Recovery</name>
    <message>
        <source>Recovery file</source>
        <translation>Калыбына келтирүү файлы</translation>
    </message>
    <message>
        <source>STRIVE recovery files (*{suffix})</source>
        <translation>STRIVE калыбына келтирүү файлдары (*{suffix})</translation>
    </message>
    <message>
        <source>The recovery file for {name} was written to:
{path}

It is valid until {date}. Give it to the office (USB stick, e-mail). Read this code out to the office by phone only; it is shown now and never again:</source>
        <translation>{name} үчүн калыбына келтирүү файлы бул жерге жазылды:
{path}

Ал {date} чейин жарактуу. Файлды кеңсеге бериңиз (USB-флешка, электрондук почта). Бул кодду кеңсеге телефон аркылуу гана окуп бериңиз; ал азыр гана көрсөтүлөт, кайра көрсөтүлбөйт:</translation>
    </message>
</context>
<context>
    <name>RecoveryDialog</name>
    <message>
        <source>Open with a recovery file</source>
        <translation>Калыбына келтирүү файлы менен ачуу</translation>
    </message>
    <message>
        <source>If nobody at this office knows a password any more, headquarters can help: it writes a recovery file for this office and reads a recovery code out to you on the phone. Choose the file, type the code, and set a new password for an administrator. All data is kept.</source>
        <translation>Эгер бул кеңседе эч ким сырсөздү эстебесе, башкы кеңсе жардам бере алат: ал бул кеңсе үчүн калыбына келтирүү файлын жазып, калыбына келтирүү кодун сизге телефон аркылуу окуп берет. Файлды тандаңыз, кодду териңиз жана администратор үчүн жаңы сырсөз коюңуз. Бардык маалыматтар сакталат.</translation>
    </message>
    <message>
        <source>C&amp;hoose…</source>
        <translation>&amp;Тандоо…</translation>
    </message>
    <message>
        <source>Recovery &amp;file:</source>
        <translation>Калыбына келтирүү &amp;файлы:</translation>
    </message>
    <message>
        <source>Recovery &amp;code:</source>
        <translation>Калыбына келтирүү к&amp;оду:</translation>
    </message>
    <message>
        <source>&amp;Administrator&apos;s name:</source>
        <translation>Администратордун &amp;аты:</translation>
    </message>
    <message>
        <source>&amp;New password:</source>
        <translation>&amp;Жаңы сырсөз:</translation>
    </message>
    <message>
        <source>&amp;Repeat the password:</source>
        <translation>Сырсөздү &amp;кайталаңыз:</translation>
    </message>
    <message>
        <source>&amp;Open and log in</source>
        <translation>Ачып, к&amp;ирүү</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Жокко чыгаруу</translation>
    </message>
    <message>
        <source>Recovery file</source>
        <translation>Калыбына келтирүү файлы</translation>
    </message>
    <message>
        <source>STRIVE recovery files (*{suffix});;All files (*)</source>
        <translation>STRIVE калыбына келтирүү файлдары (*{suffix});;Бардык файлдар (*)</translation>
    </message>
    <message>
        <source>Choose the recovery file from headquarters.</source>
        <translation>Башкы кеңседен келген калыбына келтирүү файлын тандаңыз.</translation>
    </message>
    <message>
        <source>Enter the administrator&apos;s name.</source>
        <translation>Администратордун атын жазыңыз.</translation>
    </message>
    <message>
        <source>The two passwords are not the same.</source>
        <translation>Эки сырсөз бирдей эмес.</translation>
    </message>
</context>
<context>
    <name>RevisionsTab</name>
    <message>
        <source>&amp;Compare…</source>
        <translation>&amp;Салыштыруу…</translation>
    </message>
    <message>
        <source>Click two revisions to compare them, or one to compare it with the current text.</source>
        <translation>Салыштыруу үчүн эки редакцияны, же азыркы текст менен салыштыруу үчүн бирөөнү тандаңыз.</translation>
    </message>
    <message>
        <source>No.</source>
        <translation>№</translation>
    </message>
    <message>
        <source>Saved</source>
        <translation>Сакталган</translation>
    </message>
    <message>
        <source>By</source>
        <translation>Ким</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Абалы</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Эскертүү</translation>
    </message>
</context>
<context>
    <name>SamePeoplePage</name>
    <message>
        <source>&amp;Merge</source>
        <translation>&amp;Бириктирүү</translation>
    </message>
    <message>
        <source>One person: the records of the other move to the one kept</source>
        <translation>Бир адам: экинчисинин жазуулары калтырылган адамга өтөт</translation>
    </message>
    <message>
        <source>&amp;Keep apart</source>
        <translation>&amp;Ар башка адамдар</translation>
    </message>
    <message>
        <source>Two people: do not offer this pair again</source>
        <translation>Эки башка адам: бул жупту кайра сунуштабоо</translation>
    </message>
    <message>
        <source>&amp;Undo the merge</source>
        <translation>Бириктирүүнү &amp;жокко чыгаруу</translation>
    </message>
    <message>
        <source>Look &amp;again</source>
        <translation>Кайра &amp;издөө</translation>
    </message>
    <message>
        <source>Same people?</source>
        <translation>Бир эле адамдарбы?</translation>
    </message>
    <message>
        <source>People who may have been entered twice, by two offices or in two spellings, most likely first. Compare them side by side: merge them into one person (their groups, attendance and certificates move to the one kept; a merge can be undone), or keep them apart. Every office concerned receives the decision with the next sync package.</source>
        <translation>Эки жолу киргизилген болушу мүмкүн адамдар (эки кеңсе же эки башка жазылыш менен), эң ыктымалдуулары биринчи. Аларды катар салыштырыңыз: бир адамга бириктириңиз (топтору, катышуусу жана сертификаттары калтырылган адамга өтөт; бириктирүүнү жокко чыгарса болот) же ар башка адамдар катары калтырыңыз. Ар бир тиешелүү кеңсе чечимди кийинки синхрондоо пакети менен алат.</translation>
    </message>
    <message>
        <source>Keep:</source>
        <translation>Калтыруу:</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Аты-жөнү</translation>
    </message>
    <message>
        <source>Birth year</source>
        <translation>Туулган жылы</translation>
    </message>
    <message>
        <source>Sex</source>
        <translation>Жынысы</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Телефон</translation>
    </message>
    <message>
        <source>Community</source>
        <translation>Жамаат</translation>
    </message>
    <message>
        <source>Groups</source>
        <translation>Топтор</translation>
    </message>
    <message>
        <source>Trainings</source>
        <translation>Тренингдер</translation>
    </message>
    <message>
        <source>All communities</source>
        <translation>Бардык жамааттар</translation>
    </message>
    <message>
        <source>Match</source>
        <translation>Дал келүү</translation>
    </message>
    <message>
        <source>First person</source>
        <translation>Биринчи адам</translation>
    </message>
    <message>
        <source>Second person</source>
        <translation>Экинчи адам</translation>
    </message>
    <message>
        <source>Why</source>
        <translation>Себеби</translation>
    </message>
    <message>
        <source>likely</source>
        <translation>ыктымал</translation>
    </message>
    <message>
        <source>possible</source>
        <translation>мүмкүн</translation>
    </message>
    <message>
        <source>Nobody seems to have been entered twice.</source>
        <translation>Эч ким эки жолу киргизилбегендей.</translation>
    </message>
    <message>
        <source>Why: {reasons}.</source>
        <translation>Себеби: {reasons}.</translation>
    </message>
    <message>
        <source>Merge</source>
        <translation>Бириктирүү</translation>
    </message>
    <message>
        <source>Keep {keep} ({community}) and merge {other} into them? Groups, attendance and certificates of {other} move to {keep}.</source>
        <translation>{keep} ({community}) калтырылып, {other} ага бириктирилсинби? {other} адамдын топтору, катышуусу жана сертификаттары {keep} адамга өтөт.</translation>
    </message>
    <message>
        <source>%n pair(s) of people may be one person each, entered by two offices or in two spellings. Review them now?</source>
        <translation>Бир эле адам болушу мүмкүн жуптар табылды (эки кеңсе же эки башка жазылыш менен киргизилген): %Ln. Азыр карап чыгасызбы?</translation>
    </message>
    <message>
        <source>&amp;Review</source>
        <translation>&amp;Карап чыгуу</translation>
    </message>
    <message>
        <source>&amp;Later</source>
        <translation>Кийи&amp;н</translation>
    </message>
    <message>
        <source>Looking for people entered twice…</source>
        <translation>Эки жолу киргизилген адамдар изделүүдө…</translation>
    </message>
    <message>
        <source>Looking for the same people…</source>
        <translation>Бир эле адамдар изделүүдө…</translation>
    </message>
</context>
<context>
    <name>SettingsPage</name>
    <message>
        <source>General</source>
        <translation>Жалпы</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>Жөндөөлөр</translation>
    </message>
    <message>
        <source>Installation:</source>
        <translation>Орнотуу:</translation>
    </message>
    <message>
        <source>recorded with every change you make</source>
        <translation>ар бир өзгөртүүңүз менен кошо жазылат</translation>
    </message>
    <message>
        <source>&amp;Your name:</source>
        <translation>&amp;Сиздин атыңыз:</translation>
    </message>
    <message>
        <source>The new language is used the next time STRIVE Desktop starts.</source>
        <translation>Жаңы тил STRIVE Desktop кийинки жолу ачылганда колдонулат.</translation>
    </message>
    <message>
        <source>&amp;Language:</source>
        <translation>&amp;Тил:</translation>
    </message>
    <message>
        <source>You and this installation</source>
        <translation>Сиз жана бул орнотуу</translation>
    </message>
    <message>
        <source>A participant &amp;completed a training after attending at least</source>
        <translation>Катышуучу тренингди &amp;аяктады деп эсептелет, эгер кеминде</translation>
    </message>
    <message>
        <source>of its hours.</source>
        <translation>саатына катышса.</translation>
    </message>
    <message>
        <source>Trainings</source>
        <translation>Тренингдер</translation>
    </message>
    <message>
        <source>Certificates</source>
        <extracomment>Called after a restore to start the app again on the restored database.</extracomment>
        <translation>Сертификаттар</translation>
    </message>
    <message>
        <source>&amp;Save settings</source>
        <translation>&amp;Жөндөөлөрдү сактоо</translation>
    </message>
    <message>
        <source>All data is kept in this folder (database, backups, logs):</source>
        <translation>Бардык маалыматтар ушул папкада сакталат (маалымат базасы, камдык көчүрмөлөр, журналдар):</translation>
    </message>
    <message>
        <source>Used by the certificates and the dashboard on this computer.</source>
        <translation>Ушул компьютердеги сертификаттар жана көрсөткүчтөр үчүн колдонулат.</translation>
    </message>
    <message>
        <source>Users</source>
        <translation>Колдонуучулар</translation>
    </message>
    <message>
        <source>&amp;Open folder</source>
        <translation>&amp;Папканы ачуу</translation>
    </message>
    <message>
        <source>&amp;Back up now…</source>
        <translation>&amp;Камдык көчүрмө түзүү…</translation>
    </message>
    <message>
        <source>&amp;Restore from a backup…</source>
        <translation>Камдык көчүрмөдөн ка&amp;лыбына келтирүү…</translation>
    </message>
    <message>
        <source>Data folder</source>
        <translation>Маалыматтар папкасы</translation>
    </message>
    <message>
        <source>headquarters</source>
        <translation>башкы кеңсе</translation>
    </message>
    <message>
        <source>Changes are recorded under the account you logged in with.</source>
        <translation>Өзгөртүүлөр сиз кирген каттоо эсебинин атынан жазылат.</translation>
    </message>
    <message>
        <source>Saved.</source>
        <translation>Сакталды.</translation>
    </message>
    <message>
        <source>Back up the database to</source>
        <translation>Маалымат базасынын камдык көчүрмөсүн сактоо</translation>
    </message>
    <message>
        <source>Encrypted STRIVE backup (*.strivebak)</source>
        <translation>STRIVE шифрленген камдык көчүрмөсү (*.strivebak)</translation>
    </message>
    <message>
        <source>STRIVE backup (*.sqlite3)</source>
        <translation>STRIVE камдык көчүрмөсү (*.sqlite3)</translation>
    </message>
    <message>
        <source>Backup written to {path}</source>
        <translation>Камдык көчүрмө жазылды: {path}</translation>
    </message>
    <message>
        <source>Backup</source>
        <translation>Камдык көчүрмө</translation>
    </message>
    <message>
        <source>Writing the backup…</source>
        <translation>Камдык көчүрмө жазылууда…</translation>
    </message>
    <message>
        <source>Restore the database from</source>
        <translation>Маалымат базасын калыбына келтирүү булагы</translation>
    </message>
    <message>
        <source>STRIVE backup (*.strivebak *.sqlite3)</source>
        <translation>STRIVE камдык көчүрмөсү (*.strivebak *.sqlite3)</translation>
    </message>
    <message>
        <source>Restore from a backup</source>
        <translation>Камдык көчүрмөдөн калыбына келтирүү</translation>
    </message>
    <message>
        <source>Replace all the data of this installation with the backup {file}?

Everything entered since that backup was made is replaced. The current database is kept in the backups folder, and STRIVE Desktop starts again.</source>
        <translation>Бул орнотуунун бардык маалыматтарын {file} камдык көчүрмөсү менен алмаштырасызбы?

Ошол көчүрмө жасалгандан бери киргизилгендердин баары алмаштырылат. Учурдагы маалымат базасы камдык көчүрмөлөр папкасында сакталат, жана STRIVE Desktop кайра башталат.</translation>
    </message>
    <message>
        <source>The password of {name} in this backup:</source>
        <translation>Бул камдык көчүрмөдөгү {name} сырсөзү:</translation>
    </message>
    <message>
        <source>The backup was restored. The replaced database was kept as {path}.

STRIVE Desktop starts again now.</source>
        <translation>Камдык көчүрмө калыбына келтирилди. Алмаштырылган маалымат базасы {path} катары сакталды.

STRIVE Desktop азыр кайра башталат.</translation>
    </message>
</context>
<context>
    <name>SetupDialog</name>
    <message>
        <source>I have an &amp;invitation file…</source>
        <translation>Менде &amp;чакыруу файлы бар…</translation>
    </message>
    <message>
        <source>&lt;b&gt;An office sends its work to headquarters.&lt;/b&gt; With headquarters&apos; invitation file it can do so at once, without a phone call. Without one, the office works all the same, but sending needs headquarters&apos; key file and a phone call to check it first.</source>
        <translation>&lt;b&gt;Кеңсе өз ишин башкы кеңсеге жөнөтөт.&lt;/b&gt; Башкы кеңсенин чакыруу файлы менен муну дароо, телефон чалбай эле жасай алат. Ансыз да кеңсе иштей берет, бирок жөнөтүү үчүн адегенде башкы кеңсенин ачкыч файлы жана аны текшерүү үчүн телефон чалуу керек.</translation>
    </message>
    <message>
        <source>Choose another &amp;invitation file…</source>
        <translation>Башка &amp;чакыруу файлын тандоо…</translation>
    </message>
    <message>
        <source>&lt;b&gt;Invitation from {hq}&lt;/b&gt; for {community}, valid until {date}. Headquarters&apos; fingerprint: &lt;b&gt;{fp}&lt;/b&gt;. This office can send to headquarters at once.</source>
        <translation>&lt;b&gt;{hq} жиберген чакыруу&lt;/b&gt;, жамаат: {community}, {date} чейин жарактуу. Башкы кеңсенин манжа изи: &lt;b&gt;{fp}&lt;/b&gt;. Бул кеңсе башкы кеңсеге дароо жөнөтө алат.</translation>
    </message>
    <message>
        <source>Invitation file from headquarters</source>
        <translation>Башкы кеңсенин чакыруу файлы</translation>
    </message>
    <message>
        <source>STRIVE invitations (*.striveinvite);;All files (*)</source>
        <translation>STRIVE чакыруулары (*.striveinvite);;Бардык файлдар (*)</translation>
    </message>
    <message>
        <source>Choose the community</source>
        <translation>Жамаатты тандаңыз</translation>
    </message>
    <message>
        <source>&amp;Start</source>
        <translation>&amp;Баштоо</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Жокко чыгаруу</translation>
    </message>
    <message>
        <source>Filling the folder with demo data…</source>
        <translation>Папка демо-маалыматтар менен толтурулууда…</translation>
    </message>
    <message>
        <source>Sorry, the demo data could not be added. The details were written to {path}</source>
        <translation>Кечиресиз, демо-маалыматтарды кошуу мүмкүн болгон жок. Толук маалымат {path} файлына жазылды</translation>
    </message>
    <message>
        <source>Choose the community this office works for, or Headquarters.</source>
        <translation>Бул кеңсе иштеген жамаатты же башкы кеңсени тандаңыз.</translation>
    </message>
    <message>
        <source>Your name</source>
        <translation>Сиздин атыңыз</translation>
    </message>
    <message>
        <source>Your name is recorded with every change you make.
Please type it:</source>
        <translation>Атыңыз ар бир өзгөртүүңүз менен кошо жазылат.
Аны жазыңыз:</translation>
    </message>
    <message>
        <source>Set up STRIVE Desktop</source>
        <translation>STRIVE Desktopту жөндөө</translation>
    </message>
    <message>
        <source>Welcome! Before you start, tell STRIVE Desktop where it is used. You can change your name later in Settings.</source>
        <translation>Кош келиңиз! Баштоодон мурун STRIVE Desktop кайда колдонуларын көрсөтүңүз. Атыңызды кийин жөндөөлөрдөн өзгөртсөңүз болот.</translation>
    </message>
    <message>
        <source>Installation &amp;name:</source>
        <translation>Орнотуунун &amp;аталышы:</translation>
    </message>
    <message>
        <source>e.g. Kochkor ayil okmotu office</source>
        <translation>мисалы, Кочкор айыл өкмөтүнүн кеңсеси</translation>
    </message>
    <message>
        <source>A &amp;community office:</source>
        <translation>&amp;Жамааттын кеңсеси:</translation>
    </message>
    <message>
        <source>&amp;Headquarters (Bishkek): sees and merges every community</source>
        <translation>Башкы &amp;кеңсе (Бишкек): бардык жамааттарды көрөт жана бириктирет</translation>
    </message>
    <message>
        <source>&amp;Your name:</source>
        <translation>&amp;Сиздин атыңыз:</translation>
    </message>
    <message>
        <source>recorded with every change you make</source>
        <translation>ар бир өзгөртүүңүз менен кошо жазылат</translation>
    </message>
    <message>
        <source>Only looking around, or training staff? Fill this folder with made-up demo data of the nine pilot communities instead (headquarters view).</source>
        <translation>Жөн гана таанышып жатасызбы же кызматкерлерди окутасызбы? Анда папканы тогуз пилоттук жамааттын ойдон чыгарылган демо-маалыматтары менен толтуруңуз (башкы кеңсенин көрүнүшү).</translation>
    </message>
    <message>
        <source>Use &amp;demo data</source>
        <translation>&amp;Демо-маалыматтар</translation>
    </message>
</context>
<context>
    <name>SheetTab</name>
    <message>
        <source>Someone not in the group came (Ctrl+Enter in the sheet)</source>
        <translation>Топто жок адам келди (тизмеде Ctrl+Enter)</translation>
    </message>
    <message>
        <source>Add &amp;walk-in…</source>
        <translation>Өзү &amp;келгенди кошуу…</translation>
    </message>
    <message>
        <source>Take the selected walk-in off this sheet, e.g. added by mistake (Delete in the sheet)</source>
        <translation>Тандалган өзү келгенди баракчадан алып салуу, мисалы, жаңылыш кошулган болсо (баракчада Delete)</translation>
    </message>
    <message>
        <source>Re&amp;move walk-in</source>
        <translation>Өзү келгенди &amp;алып салуу</translation>
    </message>
    <message>
        <source>&amp;Print attendance sheet</source>
        <translation>Катышуу баракчасын &amp;басып чыгаруу</translation>
    </message>
    <message>
        <source>Print certificates for those who completed the training</source>
        <translation>Тренингди аяктагандарга сертификат басып чыгаруу</translation>
    </message>
    <message>
        <source>&amp;Certificates</source>
        <translation>&amp;Сертификаттар</translation>
    </message>
    <message>
        <source>Keyboard: arrows or Enter move · Space ticks or unticks (saved at once) · type a name to jump to it · Ctrl+Enter adds a walk-in · Delete removes a walk-in</source>
        <translation>Баскычтоп: жебелер же Enter — жылуу · Боштук белгини коёт же алат (дароо сакталат) · адамга өтүү үчүн атын жазыңыз · Ctrl+Enter — өзү келгенди кошуу · Delete — өзү келгенди алып салуу</translation>
    </message>
</context>
<context>
    <name>SummaryOptions</name>
    <message>
        <source>Donor summary</source>
        <translation>Донор үчүн жыйынтык</translation>
    </message>
    <message>
        <source>&amp;Period:</source>
        <translation>&amp;Мезгил:</translation>
    </message>
    <message>
        <source>All dates</source>
        <translation>Бардык даталар</translation>
    </message>
    <message>
        <source>All communities</source>
        <translation>Бардык жамааттар</translation>
    </message>
    <message>
        <source>&amp;Community:</source>
        <translation>&amp;Жамаат:</translation>
    </message>
    <message>
        <source>&amp;Language of the PDF:</source>
        <translation>PDFтин &amp;тили:</translation>
    </message>
    <message>
        <source>Create PDF</source>
        <translation>PDF түзүү</translation>
    </message>
    <message>
        <source>The period ends before it starts: choose an end date on or after the start date, or tick “All dates”.</source>
        <translation>Мөөнөт башталганга чейин бүтөт: башталыш күнүнөн кийинки (же ошол эле) аяктоо күнүн тандаңыз, же «Бардык даталар» белгилеңиз.</translation>
    </message>
</context>
<context>
    <name>SyncPage</name>
    <message>
        <source>Sync</source>
        <translation>Маалымат алмашуу</translation>
    </message>
    <message>
        <source>Reading…</source>
        <translation>Окулууда…</translation>
    </message>
    <message>
        <source>Send</source>
        <translation>Жөнөтүү</translation>
    </message>
    <message>
        <source>&amp;Export to a folder…</source>
        <translation>Папкага &amp;жөнөтүү…</translation>
    </message>
    <message>
        <source>Export to the &amp;outbox</source>
        <translation>&amp;Чыгуучуларга жөнөтүү</translation>
    </message>
    <message>
        <source>&amp;Re-export…</source>
        <translation>&amp;Кайра жөнөтүү…</translation>
    </message>
    <message>
        <source>Send again changes that headquarters reports missing, or everything</source>
        <translation>Башкы кеңсеге жетпеген өзгөртүүлөрдү же баарын кайра жөнөтүү</translation>
    </message>
    <message>
        <source>In&amp;vite an office…</source>
        <translation>К&amp;еңсени чакыруу…</translation>
    </message>
    <message>
        <source>Write an invitation file for a new office: its first package is accepted without a phone call</source>
        <translation>Жаңы кеңсе үчүн чакыруу файлын жазуу: анын биринчи пакети телефон чалуусуз кабыл алынат</translation>
    </message>
    <message>
        <source>Receive</source>
        <translation>Кабыл алуу</translation>
    </message>
    <message>
        <source>Packages are checked (signature, sender, integrity) before anything is applied; a damaged file changes nothing.</source>
        <translation>Пакеттер колдонулардан мурун текшерилет (кол тамга, жөнөтүүчү, бүтүндүгү); бузулган файл эч нерсени өзгөртпөйт.</translation>
    </message>
    <message>
        <source>Import the &amp;inbox</source>
        <translation>Ки&amp;рүүчүлөрдү жүктөө</translation>
    </message>
    <message>
        <source>Delivery folder (network share or cloud folder)</source>
        <translation>Жеткирүү папкасы (тармактык же булут папкасы)</translation>
    </message>
    <message>
        <source>not set: packages stay in the outbox</source>
        <translation>белгиленген эмес: пакеттер чыгуучуларда калат</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>Тандоо…</translation>
    </message>
    <message>
        <source>The result of the last import is shown here.</source>
        <translation>Акыркы жүктөөнүн натыйжасы бул жерде көрсөтүлөт.</translation>
    </message>
    <message>
        <source>Outbox</source>
        <translation>Чыгуучулар</translation>
    </message>
    <message>
        <source>Package</source>
        <translation>Пакет</translation>
    </message>
    <message>
        <source>For</source>
        <translation>Кимге</translation>
    </message>
    <message>
        <source>Changes</source>
        <translation>Өзгөртүүлөр</translation>
    </message>
    <message>
        <source>Written</source>
        <translation>Жазылган</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Абалы</translation>
    </message>
    <message>
        <source>Send and receive</source>
        <translation>Жөнөтүү жана кабыл алуу</translation>
    </message>
    <message>
        <source>Installation</source>
        <translation>Орнотуу</translation>
    </message>
    <message>
        <source>Community</source>
        <translation>Жамаат</translation>
    </message>
    <message>
        <source>Fingerprint</source>
        <translation>Манжа изи</translation>
    </message>
    <message>
        <source>Last change received</source>
        <translation>Акыркы алынган өзгөртүү</translation>
    </message>
    <message>
        <source>Received</source>
        <translation>Алынды</translation>
    </message>
    <message>
        <source>Missing</source>
        <translation>Жетишпейт</translation>
    </message>
    <message>
        <source>&amp;Accept the selected installation</source>
        <translation>Тандалган орнотууну &amp;кабыл алуу</translation>
    </message>
    <message>
        <source>Re&amp;voke the selected installation</source>
        <translation>Тандалган орнотууну &amp;чакырып алуу</translation>
    </message>
    <message>
        <source>&amp;Invite an office…</source>
        <translation>К&amp;еңсени чакыруу…</translation>
    </message>
    <message>
        <source>Installations</source>
        <translation>Орнотуулар</translation>
    </message>
    <message>
        <source>The same field was changed at two places. The value on the left was kept; “Use the other value” makes the right one current and sends it back like any other change.</source>
        <translation>Бир эле талаа эки жерде өзгөртүлгөн. Сол жактагы маани сакталды; «Башка маанини алуу» оң жактагыны учурдагы кылып, аны кадимки өзгөртүү катары кайра жөнөтөт.</translation>
    </message>
    <message>
        <source>Record</source>
        <translation>Жазуу</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>Талаа</translation>
    </message>
    <message>
        <source>Kept value</source>
        <translation>Сакталган маани</translation>
    </message>
    <message>
        <source>Kept from</source>
        <translation>Кайдан сакталды</translation>
    </message>
    <message>
        <source>Other value</source>
        <translation>Башка маани</translation>
    </message>
    <message>
        <source>Other from</source>
        <translation>Башкасы кайдан</translation>
    </message>
    <message>
        <source>&amp;Use the other value</source>
        <translation>Башка маанини &amp;алуу</translation>
    </message>
    <message>
        <source>&amp;Keep this value</source>
        <translation>Бул маанини &amp;калтыруу</translation>
    </message>
    <message>
        <source>Conflicts</source>
        <translation>Карама-каршылыктар</translation>
    </message>
    <message>
        <source>Table</source>
        <translation>Таблица</translation>
    </message>
    <message>
        <source>When</source>
        <translation>Качан</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Себеби</translation>
    </message>
    <message>
        <source>Set aside</source>
        <translation>Четке коюлган</translation>
    </message>
    <message>
        <source>This is headquarters ({name}). Its fingerprint, to read out over the phone: &lt;b&gt;{fp}&lt;/b&gt;</source>
        <translation>Бул башкы кеңсе ({name}). Телефон аркылуу окуп берүү үчүн анын манжа изи: &lt;b&gt;{fp}&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Return packages carry what changed here for each community and the receipts for the packages received.</source>
        <translation>Кайтуучу пакеттерде ар бир жамаат үчүн бул жерде өзгөргөн нерселер жана алынган пакеттердин дүмүрчөктөрү бар.</translation>
    </message>
    <message>
        <source>&amp;Write return packages to a folder…</source>
        <translation>Кайтуучу пакеттерди папкага &amp;жазуу…</translation>
    </message>
    <message>
        <source>Write return packages to the &amp;outbox</source>
        <translation>Кайтуучу пакеттерди &amp;чыгуучуларга жазуу</translation>
    </message>
    <message>
        <source>Write the &amp;headquarters key file…</source>
        <translation>&amp;Башкы кеңсенин ачкыч файлын жазуу…</translation>
    </message>
    <message>
        <source>Open the invitation or the headquarters key</source>
        <translation>Чакырууну же башкы кеңсенин ачкычын ачуу</translation>
    </message>
    <message>
        <source>Invitations and key files (*.striveinvite *.strivekey);;All files (*)</source>
        <translation>Чакыруулар жана ачкыч файлдары (*.striveinvite *.strivekey);;Бардык файлдар (*)</translation>
    </message>
    <message>
        <source>Revoke installation</source>
        <translation>Орнотууну чакырып алуу</translation>
    </message>
    <message>
        <source>Stop accepting packages from {name}? Its packages then wait, and it gets no return packages, until it is accepted again.</source>
        <translation>{name} жиберген пакеттерди кабыл алууну токтотосузбу? Анда анын пакеттери күтүп турат жана ал кайра кабыл алынганга чейин жооп пакеттерин албайт.</translation>
    </message>
    <message>
        <source>Headquarters: {name}, fingerprint &lt;b&gt;{fp}&lt;/b&gt;</source>
        <translation>Башкы кеңсе: {name}, манжа изи &lt;b&gt;{fp}&lt;/b&gt;</translation>
    </message>
    <message>
        <source>&lt;b&gt;The headquarters key has not been imported yet.&lt;/b&gt;</source>
        <translation>&lt;b&gt;Башкы кеңсенин ачкычы азырынча жүктөлө элек.&lt;/b&gt;</translation>
    </message>
    <message>
        <source>This installation: {name}, fingerprint &lt;b&gt;{fp}&lt;/b&gt;. {hq}</source>
        <translation>Бул орнотуу: {name}, манжа изи &lt;b&gt;{fp}&lt;/b&gt;. {hq}</translation>
    </message>
    <message numerus="yes">
        <source>%n change(s) not yet exported.</source>
        <translation>
            <numerusform>%Ln өзгөртүү азырынча жөнөтүлө элек.</numerusform>
            <numerusform>%Ln өзгөртүү азырынча жөнөтүлө элек.</numerusform>
        </translation>
    </message>
    <message>
        <source>Everything has been exported.</source>
        <translation>Баары жөнөтүлдү.</translation>
    </message>
    <message>
        <source>Import the &amp;headquarters key…</source>
        <translation>&amp;Башкы кеңсенин ачкычын жүктөө…</translation>
    </message>
    <message>
        <source>Replace the &amp;headquarters key…</source>
        <translation>&amp;Башкы кеңсенин ачкычын алмаштыруу…</translation>
    </message>
    <message>
        <source>The headquarters this installation sends its packages to.</source>
        <translation>Бул орнотуу пакеттерин жөнөтүүчү башкы кеңсе.</translation>
    </message>
    <message>
        <source>delivered (receipt)</source>
        <translation>жеткирилди (дүмүрчөк)</translation>
    </message>
    <message>
        <source>copied to the delivery folder</source>
        <translation>жеткирүү папкасына көчүрүлдү</translation>
    </message>
    <message>
        <source>in the outbox</source>
        <translation>чыгуучуларда</translation>
    </message>
    <message>
        <source>headquarters</source>
        <translation>башкы кеңсе</translation>
    </message>
    <message>
        <source>accepted</source>
        <translation>кабыл алынды</translation>
    </message>
    <message numerus="yes">
        <source>waiting for acceptance (%n package(s))</source>
        <translation>
            <numerusform>кабыл алууну күтүүдө (%Ln пакет)</numerusform>
            <numerusform>кабыл алууну күтүүдө (%Ln пакет)</numerusform>
        </translation>
    </message>
    <message>
        <source>{field} (record deleted)</source>
        <translation>{field} (жазуу өчүрүлгөн)</translation>
    </message>
    <message numerus="yes">
        <source>Conflicts (%n)</source>
        <translation>
            <numerusform>Карама-каршылыктар (%Ln)</numerusform>
            <numerusform>Карама-каршылыктар (%Ln)</numerusform>
        </translation>
    </message>
    <message>
        <source>&lt;b&gt;This office cannot send to headquarters yet.&lt;/b&gt; Packages are sealed so that only headquarters can read them, so the office needs headquarters&apos; key first. Ask headquarters for an invitation file for this community (it is accepted without a phone call) or for its key file (then check the fingerprint by phone), and open it here.</source>
        <translation>&lt;b&gt;Бул кеңсе азырынча башкы кеңсеге жөнөтө албайт.&lt;/b&gt; Пакеттерди башкы кеңсе гана окуй тургандай кылып мөөрлөнөт, ошондуктан кеңсеге адегенде башкы кеңсенин ачкычы керек. Башкы кеңседен ушул жамаат үчүн чакыруу файлын (ал телефон чалуусуз кабыл алынат) же анын ачкыч файлын (анда манжа изин телефон аркылуу текшериңиз) сурап, аны ушул жерден ачыңыз.</translation>
    </message>
    <message>
        <source>Open the invitation or &amp;key file…</source>
        <translation>&amp;Чакырууну же ачкыч файлын ачуу…</translation>
    </message>
    <message>
        <source>&amp;Back up keys…</source>
        <translation>Ачкычтардын камдык &amp;көчүрмөсү…</translation>
    </message>
    <message>
        <source>Import &amp;files…</source>
        <translation>&amp;Файлдарды жүктөө…</translation>
    </message>
    <message>
        <source>An office set up with an invitation is accepted with its first package. Accept any other installation only after checking its fingerprint with the office by phone; packages from it wait until then.</source>
        <translation>Чакыруу менен орнотулган кеңсе биринчи пакети менен кабыл алынат. Башка орнотууну анын манжа изин кеңсе менен телефон аркылуу текшергенден кийин гана кабыл алыңыз; андан келген пакеттер ага чейин күтүп турат.</translation>
    </message>
    <message>
        <source>Records that were not applied because they are invalid or not their sender&apos;s to change; the rest of their package was applied.</source>
        <translation>Туура эмес болгондуктан же жөнөтүүчү аларды өзгөртө албагандыктан колдонулбаган жазуулар; пакеттин калган бөлүгү колдонулду.</translation>
    </message>
    <message numerus="yes">
        <source>%n record(s) wait for a record they refer to (applied when it arrives).</source>
        <translation>
            <numerusform>%Ln жазуу өзү шилтеме кылган жазууну күтүүдө (ал келгенде колдонулат).</numerusform>
            <numerusform>%Ln жазуу өзү шилтеме кылган жазууну күтүүдө (ал келгенде колдонулат).</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Set aside (%n)</source>
        <translation>
            <numerusform>Четке коюлган (%Ln)</numerusform>
            <numerusform>Четке коюлган (%Ln)</numerusform>
        </translation>
    </message>
    <message>
        <source>accepted by invitation</source>
        <translation>чакыруу боюнча кабыл алынды</translation>
    </message>
    <message numerus="yes">
        <source>revoked (%n package(s) waiting)</source>
        <translation>
            <numerusform>чакырылып алынды (%Ln пакет күтүүдө)</numerusform>
            <numerusform>чакырылып алынды (%Ln пакет күтүүдө)</numerusform>
        </translation>
    </message>
    <message>
        <source>(deleted)</source>
        <translation>(өчүрүлгөн)</translation>
    </message>
    <message>
        <source>(empty)</source>
        <translation>(бош)</translation>
    </message>
    <message>
        <source>Export the package to (e.g. a USB stick)</source>
        <translation>Пакетти кайда жөнөтүү (мисалы, флешкага)</translation>
    </message>
    <message>
        <source>Re-export</source>
        <translation>Кайра жөнөтүү</translation>
    </message>
    <message>
        <source>The changes to send again, e.g. 51-70 as headquarters reported them, or “all” for everything:</source>
        <translation>Кайра жөнөтүлүүчү өзгөртүүлөр, мисалы, башкы кеңсе айткандай 51-70, же баары үчүн «all»:</translation>
    </message>
    <message>
        <source>all</source>
        <translation>all</translation>
    </message>
    <message>
        <source>Nothing to send.</source>
        <translation>Жөнөтө турган эч нерсе жок.</translation>
    </message>
    <message>
        <source>Writing the sync package…</source>
        <translation>Синхрондоштуруу пакети жазылып жатат…</translation>
    </message>
    <message numerus="yes">
        <source>{file}: %n record(s) for {who}</source>
        <translation>
            <numerusform>{file}: {who} үчүн %Ln жазуу</numerusform>
            <numerusform>{file}: {who} үчүн %Ln жазуу</numerusform>
        </translation>
    </message>
    <message>
        <source>Write the headquarters key file</source>
        <translation>Башкы кеңсенин ачкыч файлын жазуу</translation>
    </message>
    <message>
        <source>STRIVE key files (*.strivekey)</source>
        <translation>STRIVE ачкыч файлдары (*.strivekey)</translation>
    </message>
    <message>
        <source>Headquarters key written to {path}.</source>
        <translation>Башкы кеңсенин ачкычы {path} жерине жазылды.</translation>
    </message>
    <message>
        <source>Headquarters key</source>
        <translation>Башкы кеңсенин ачкычы</translation>
    </message>
    <message>
        <source>Headquarters key imported. Check this fingerprint with headquarters by phone:

{fp}</source>
        <translation>Башкы кеңсенин ачкычы жүктөлдү. Бул манжа изин башкы кеңсе менен телефон аркылуу текшериңиз:

{fp}</translation>
    </message>
    <message>
        <source>Invitation from {hq} opened: this office can send to headquarters now.</source>
        <translation>{hq} жиберген чакыруу ачылды: бул кеңсе эми башкы кеңсеге жөнөтө алат.</translation>
    </message>
    <message>
        <source>Invite an office</source>
        <translation>Кеңсени чакыруу</translation>
    </message>
    <message>
        <source>The community of the new office:</source>
        <translation>Жаңы кеңсенин жамааты:</translation>
    </message>
    <message>
        <source>Write the invitation</source>
        <translation>Чакырууну жазуу</translation>
    </message>
    <message>
        <source>STRIVE invitations (*.striveinvite)</source>
        <translation>STRIVE чакыруулары (*.striveinvite)</translation>
    </message>
    <message>
        <source>Invitation for {community} written to {path}, valid until {date}. Give it to the office (USB stick, e-mail); its first package is then accepted without a phone call.</source>
        <translation>{community} үчүн чакыруу {path} файлына жазылды, {date} чейин жарактуу. Аны кеңсеге бериңиз (USB флешка, электрондук почта); анда анын биринчи пакети телефон чалуусуз кабыл алынат.</translation>
    </message>
    <message>
        <source>Back up the keys</source>
        <translation>Ачкычтардын камдык көчүрмөсү</translation>
    </message>
    <message>
        <source>Passphrase</source>
        <translation>Сырсөз</translation>
    </message>
    <message>
        <source>A passphrase of at least 8 characters. Keep it apart from the file:</source>
        <translation>Кеминде 8 белгиден турган сырсөз. Аны файлдан өзүнчө сактаңыз:</translation>
    </message>
    <message>
        <source>Type the passphrase again:</source>
        <translation>Сырсөздү дагы бир жолу териңиз:</translation>
    </message>
    <message>
        <source>The two passphrases differ. The keys were not backed up.</source>
        <translation>Эки сырсөз дал келбейт. Ачкычтардын камдык көчүрмөсү жазылган жок.</translation>
    </message>
    <message>
        <source>Key backup written to {path}.</source>
        <translation>Ачкычтардын камдык көчүрмөсү {path} жерине жазылды.</translation>
    </message>
    <message>
        <source>Delivery folder</source>
        <translation>Жеткирүү папкасы</translation>
    </message>
    <message>
        <source>No delivery folder: take the packages from the outbox or a USB stick.</source>
        <translation>Жеткирүү папкасы жок: пакеттерди чыгуучулардан же флешкадан алыңыз.</translation>
    </message>
    <message numerus="yes">
        <source>Not reachable at {time}; %n package(s) waiting. Checked again every few minutes.</source>
        <translation>
            <numerusform>{time} учурунда жеткиликсиз; %Ln пакет күтүүдө. Бир нече мүнөт сайын кайра текшерилет.</numerusform>
            <numerusform>{time} учурунда жеткиликсиз; %Ln пакет күтүүдө. Бир нече мүнөт сайын кайра текшерилет.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Reachable at {time}: %n package(s) copied now.</source>
        <translation>
            <numerusform>{time} учурунда жеткиликтүү: азыр %Ln пакет көчүрүлдү.</numerusform>
            <numerusform>{time} учурунда жеткиликтүү: азыр %Ln пакет көчүрүлдү.</numerusform>
        </translation>
    </message>
    <message>
        <source>Import sync packages</source>
        <translation>Алмашуу пакеттерин жүктөө</translation>
    </message>
    <message>
        <source>STRIVE packages (*.strive);;All files (*)</source>
        <translation>STRIVE пакеттери (*.strive);;Бардык файлдар (*)</translation>
    </message>
    <message>
        <source>Importing packages…</source>
        <translation>Пакеттер жүктөлүүдө…</translation>
    </message>
    <message>
        <source>The imported packages were moved to {path}.</source>
        <translation>Жүктөлгөн пакеттер {path} папкасына жылдырылды.</translation>
    </message>
    <message>
        <source>No packages found.</source>
        <translation>Пакеттер табылган жок.</translation>
    </message>
    <message>
        <source>Accept installation</source>
        <translation>Орнотууну кабыл алуу</translation>
    </message>
    <message>
        <source>Accept {name}?

Its fingerprint must be the one the office reads out to you:
{fp}</source>
        <translation>{name} кабыл аласызбы?

Анын манжа изи кеңсе сизге окуп берген изге дал келиши керек:
{fp}</translation>
    </message>
    <message>
        <source>Importing the waiting packages…</source>
        <translation>Күтүп турган пакеттер жүктөлүүдө…</translation>
    </message>
    <message>
        <source>Recovery &amp;file for the selected office…</source>
        <translation>Тандалган кеңсе үчүн калыбына келтирүү &amp;файлы…</translation>
    </message>
    <message>
        <source>For an office whose every password is forgotten (docs/recovery.md)</source>
        <translation>Бардык сырсөздөрү унутулган кеңсе үчүн (docs/recovery.md)</translation>
    </message>
</context>
<context>
    <name>TrainingDialog</name>
    <message>
        <source>Edit training</source>
        <translation>Тренингди оңдоо</translation>
    </message>
    <message>
        <source>New training</source>
        <translation>Жаңы тренинг</translation>
    </message>
    <message>
        <source>Choose</source>
        <translation>Тандаңыз</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>&amp;Сактоо</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Жокко чыгаруу</translation>
    </message>
    <message>
        <source> h</source>
        <translation> саат</translation>
    </message>
    <message>
        <source>Training</source>
        <translation>Тренинг</translation>
    </message>
    <message>
        <source>&amp;Community:</source>
        <translation>&amp;Жамаат:</translation>
    </message>
    <message>
        <source>&amp;Phase:</source>
        <translation>&amp;Этап:</translation>
    </message>
    <message>
        <source>&amp;Title:</source>
        <translation>&amp;Аталышы:</translation>
    </message>
    <message>
        <source>e.g. Basics of violent extremism for the advisory group</source>
        <translation>мисалы, Экстремизмдин негиздери</translation>
    </message>
    <message>
        <source>&amp;Venue:</source>
        <translation>&amp;Өткөрүлгөн жери:</translation>
    </message>
    <message>
        <source>T&amp;rainers:</source>
        <translation>Т&amp;ренерлер:</translation>
    </message>
    <message>
        <source>Names, separated by commas</source>
        <translation>Аттары, үтүр менен бөлүнгөн</translation>
    </message>
    <message>
        <source>Sessi&amp;ons:</source>
        <translation>Сабак&amp;тар:</translation>
    </message>
    <message>
        <source>Re&amp;move session</source>
        <translation>Сабакты алып са&amp;луу</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Күнү</translation>
    </message>
    <message>
        <source>Hours</source>
        <translation>Сааттар</translation>
    </message>
    <message>
        <source>&amp;Add session</source>
        <translation>Сабак &amp;кошуу</translation>
    </message>
    <message>
        <source>Title in R&amp;ussian:</source>
        <translation>&amp;Орусча аталышы:</translation>
    </message>
    <message>
        <source>optional: for certificates and sheets in Russian</source>
        <translation>милдеттүү эмес: орус тилиндеги сертификаттар жана баракчалар үчүн</translation>
    </message>
    <message>
        <source>Title in &amp;English:</source>
        <translation>А&amp;нглисче аталышы:</translation>
    </message>
    <message>
        <source>optional: for certificates and sheets in English</source>
        <translation>милдеттүү эмес: англис тилиндеги сертификаттар жана баракчалар үчүн</translation>
    </message>
</context>
<context>
    <name>TrainingListModel</name>
    <message>
        <source>Community</source>
        <translation>Жамаат</translation>
    </message>
    <message>
        <source>Phase</source>
        <translation>Этап</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>Аталышы</translation>
    </message>
    <message>
        <source>Dates</source>
        <translation>Даталар</translation>
    </message>
    <message>
        <source>Hours</source>
        <translation>Сааттар</translation>
    </message>
    <message>
        <source>Participants</source>
        <translation>Катышуучулар</translation>
    </message>
    <message>
        <source>Attendance</source>
        <translation>Катышуу</translation>
    </message>
</context>
<context>
    <name>TrainingsPage</name>
    <message>
        <source>Trainings</source>
        <translation>Тренингдер</translation>
    </message>
    <message>
        <source>&amp;New training</source>
        <translation>&amp;Жаңы тренинг</translation>
    </message>
    <message>
        <source>Create a training with its sessions (Ctrl+N)</source>
        <translation>Сабактары менен тренинг түзүү (Ctrl+N)</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>&amp;Оңдоо</translation>
    </message>
    <message>
        <source>&amp;Delete</source>
        <translation>&amp;Өчүрүү</translation>
    </message>
    <message>
        <source>C&amp;heck a certificate…</source>
        <translation>Сертификатты т&amp;екшерүү…</translation>
    </message>
    <message>
        <source>Check a printed certificate against the register: its serial number and verification code</source>
        <translation>Басылган сертификатты реестр менен текшерүү: катар номери жана текшерүү коду</translation>
    </message>
    <message>
        <source>Create the first training</source>
        <translation>Биринчи тренингди түзүү</translation>
    </message>
    <message>
        <source>Attendance sheet</source>
        <translation>Катышуу баракчасы</translation>
    </message>
    <message>
        <source>Photos or scans of the signed paper sheet (JPEG, PNG, TIFF or PDF, up to 20 MB). A copy is kept in the data folder.</source>
        <translation>Кол коюлган кагаз баракчанын сүрөтү же сканы (JPEG, PNG, TIFF же PDF, 20 МБ чейин). Көчүрмөсү маалыматтар папкасында сакталат.</translation>
    </message>
    <message>
        <source>&amp;Attach scan…</source>
        <translation>Сканды &amp;тиркөө…</translation>
    </message>
    <message>
        <source>&amp;Open</source>
        <translation>&amp;Ачуу</translation>
    </message>
    <message>
        <source>&amp;Remove</source>
        <translation>&amp;Чыгаруу</translation>
    </message>
    <message>
        <source>File</source>
        <translation>Файл</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Көлөмү</translation>
    </message>
    <message>
        <source>Added</source>
        <translation>Кошулган</translation>
    </message>
    <message>
        <source>Scans</source>
        <translation>Скандар</translation>
    </message>
    <message>
        <source>STRIVE Desktop</source>
        <translation>STRIVE Desktop</translation>
    </message>
    <message>
        <source>Select a training in the list first.</source>
        <translation>Адегенде тизмеден тренингди тандаңыз.</translation>
    </message>
    <message>
        <source>Reading…</source>
        <translation>Окулууда…</translation>
    </message>
    <message>
        <source>All communities</source>
        <translation>Бардык жамааттар</translation>
    </message>
    <message>
        <source>No trainings yet. Press “New training” (Ctrl+N) to create the first one with its sessions, then tick the attendance here.</source>
        <translation>Азырынча тренингдер жок. Биринчисин сабактары менен түзүү үчүн «Жаңы тренинг» (Ctrl+N) баскычын басыңыз, анан катышууну ушул жерде белгилеңиз.</translation>
    </message>
    <message>
        <source>No training selected</source>
        <translation>Тренинг тандалган жок</translation>
    </message>
    <message numerus="yes">
        <source>%n session(s)</source>
        <translation>
            <numerusform>%Ln сабак</numerusform>
            <numerusform>%Ln сабак</numerusform>
        </translation>
    </message>
    <message>
        <source>{hours} hours</source>
        <translation>{hours} саат</translation>
    </message>
    <message>
        <source>trainers: {names}</source>
        <translation>тренерлер: {names}</translation>
    </message>
    <message>
        <source>This training has no sessions: edit it to add them.</source>
        <translation>Бул тренингде сабактар жок: аларды кошуу үчүн тренингди оңдоңуз.</translation>
    </message>
    <message>
        <source>Nobody is on the sheet yet: add members to the advisory group, or add a walk-in.</source>
        <translation>Баракчада азырынча эч ким жок: консультативдик топко мүчө же өзү келгенди кошуңуз.</translation>
    </message>
    <message numerus="yes">
        <source>%n participant(s)</source>
        <translation>
            <numerusform>%Ln катышуучу</numerusform>
            <numerusform>%Ln катышуучу</numerusform>
        </translation>
    </message>
    <message>
        <source>average attendance {rate}</source>
        <translation>орточо катышуу {rate}</translation>
    </message>
    <message>
        <source>{n} completed (at least {share} of the hours)</source>
        <translation>{n} аяктады (сааттардын кеминде {share})</translation>
    </message>
    <message>
        <source>Delete training</source>
        <translation>Тренингди өчүрүү</translation>
    </message>
    <message>
        <source>Delete the training “{title}” ({dates}) and its attendance sheet?</source>
        <translation>«{title}» ({dates}) тренингин катышуу баракчасы менен кошо өчүрөсүзбү?</translation>
    </message>
    <message>
        <source>Remove walk-in</source>
        <translation>Өзү келгенди алып салуу</translation>
    </message>
    <message numerus="yes">
        <source>Remove {name} from this attendance sheet? They are ticked present at %n session(s); those ticks go too.</source>
        <translation>
            <numerusform>{name} катышуу баракчасынан алып салынсынбы? Ал %Ln сабакта катышты деп белгиленген; ал белгилер да өчүрүлөт.</numerusform>
            <numerusform>{name} катышуу баракчасынан алып салынсынбы? Ал %Ln сабакта катышты деп белгиленген; ал белгилер да өчүрүлөт.</numerusform>
        </translation>
    </message>
    <message>
        <source>{name} was removed from this attendance sheet (still in People).</source>
        <translation>{name} катышуу баракчасынан алынды («Адамдар» бөлүмүндө калат).</translation>
    </message>
    <message>
        <source>The file is not in this data folder</source>
        <translation>Файл бул маалыматтар папкасында жок</translation>
    </message>
    <message>
        <source>Scans ({n})</source>
        <translation>Скандар ({n})</translation>
    </message>
    <message>
        <source>{size} MB</source>
        <translation>{size} МБ</translation>
    </message>
    <message>
        <source>{size} KB</source>
        <translation>{size} КБ</translation>
    </message>
    <message>
        <source>Attach a scan or photo of the signed sheet</source>
        <translation>Кол коюлган баракчанын сканын же сүрөтүн тиркөө</translation>
    </message>
    <message>
        <source>Images and PDF (*.jpg *.jpeg *.png *.tif *.tiff *.bmp *.gif *.webp *.pdf)</source>
        <translation>Сүрөттөр жана PDF (*.jpg *.jpeg *.png *.tif *.tiff *.bmp *.gif *.webp *.pdf)</translation>
    </message>
    <message>
        <source>No program to open this file was found. It is here:
{path}</source>
        <translation>Бул файлды ача турган программа табылган жок. Ал бул жерде:
{path}</translation>
    </message>
    <message>
        <source>Remove scan</source>
        <translation>Сканды алып салуу</translation>
    </message>
    <message>
        <source>Remove “{name}” from this training?</source>
        <translation>«{name}» файлын бул тренингден алып саласызбы?</translation>
    </message>
</context>
<context>
    <name>UndoBar</name>
    <message>
        <source>&amp;Undo</source>
        <translation>&amp;Артка кайтаруу</translation>
    </message>
    <message>
        <source>Hide</source>
        <translation>Жашыруу</translation>
    </message>
</context>
<context>
    <name>UsersDialog</name>
    <message>
        <source>Accounts</source>
        <translation>Каттоо эсептери</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Аты</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Ролу</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Абалы</translation>
    </message>
    <message>
        <source>&amp;Add account…</source>
        <translation>Каттоо эсебин &amp;кошуу…</translation>
    </message>
    <message>
        <source>Reset &amp;password…</source>
        <translation>&amp;Сырсөздү жаңылоо…</translation>
    </message>
    <message>
        <source>The role of the chosen account</source>
        <translation>Тандалган каттоо эсебинин ролу</translation>
    </message>
    <message>
        <source>&amp;Deactivate</source>
        <translation>&amp;Өчүрүү</translation>
    </message>
    <message>
        <source>active</source>
        <translation>активдүү</translation>
    </message>
    <message>
        <source>deactivated</source>
        <translation>өчүрүлгөн</translation>
    </message>
    <message>
        <source>{name} can now log in with the new password.</source>
        <translation>{name} эми жаңы сырсөз менен кире алат.</translation>
    </message>
    <message>
        <source>Deactivate</source>
        <translation>Өчүрүү</translation>
    </message>
    <message>
        <source>Deactivate the account {name}? It can no longer log in; its name stays in the record of changes.</source>
        <translation>{name} каттоо эсебин өчүрөсүзбү? Аны менен мындан ары кирүүгө болбойт; аты өзгөртүүлөр журналында калат.</translation>
    </message>
</context>
<context>
    <name>UsersSection</name>
    <message>
        <source>Change &amp;my password…</source>
        <translation>Сырсөзүмдү &amp;өзгөртүү…</translation>
    </message>
    <message>
        <source>&amp;Accounts…</source>
        <translation>Каттоо &amp;эсептери…</translation>
    </message>
    <message>
        <source>Add accounts, reset a forgotten password, change a role, deactivate an account</source>
        <translation>Каттоо эсептерин кошуу, унутулган сырсөздү жаңылоо, ролду өзгөртүү, каттоо эсебин өчүрүү</translation>
    </message>
    <message>
        <source>Loc&amp;k the window after</source>
        <translation>Терезени к&amp;улпулоо:</translation>
    </message>
    <message>
        <source>minutes without use.</source>
        <translation>мүнөт колдонулбаса.</translation>
    </message>
    <message>
        <source>Nobody is logged in: this data folder has no accounts yet.</source>
        <translation>Эч ким кирген жок: бул маалыматтар папкасында азырынча каттоо эсептери жок.</translation>
    </message>
    <message>
        <source>You are logged in as {name} ({role}).</source>
        <translation>Сиз {name} катары кирдиңиз ({role}).</translation>
    </message>
    <message>
        <source>Users</source>
        <translation>Колдонуучулар</translation>
    </message>
    <message>
        <source>Your password was changed.</source>
        <translation>Сырсөзүңүз өзгөртүлдү.</translation>
    </message>
</context>
<context>
    <name>VerifyCertificateDialog</name>
    <message>
        <source>Check a certificate</source>
        <translation>Сертификатты текшерүү</translation>
    </message>
    <message>
        <source>&amp;Serial number:</source>
        <translation>&amp;Катар номери:</translation>
    </message>
    <message>
        <source>Verification c&amp;ode:</source>
        <translation>Текшерүү к&amp;оду:</translation>
    </message>
    <message>
        <source>C&amp;heck</source>
        <translation>&amp;Текшерүү</translation>
    </message>
    <message>
        <source>Type both the serial number and the verification code.</source>
        <translation>Катар номерин да, текшерүү кодун да жазыңыз.</translation>
    </message>
    <message>
        <source>Not in the register</source>
        <translation>Реестрде жок</translation>
    </message>
    <message>
        <source>Revoked</source>
        <translation>Кайтарылып алынды</translation>
    </message>
    <message>
        <source>Not genuine</source>
        <translation>Чыныгы эмес</translation>
    </message>
    <message>
        <source>Type the serial number and the verification code printed on the certificate (under its QR code), paste the text a scanner app read from the QR code, or open a photo or scan of the QR code.</source>
        <translation>Сертификатта (QR-коддун астында) басылган катар номерин жана текшерүү кодун жазыңыз, сканер тиркемеси QR-коддон окуган жазууну чаптаңыз же QR-коддун сүрөтүн же сканын ачыңыз.</translation>
    </message>
    <message>
        <source>or QR code te&amp;xt:</source>
        <translation>же QR-коддун &amp;жазуусу:</translation>
    </message>
    <message>
        <source>From a &amp;photo or scan…</source>
        <translation>&amp;Сүрөттөн же скандан…</translation>
    </message>
    <message>
        <source>Photo or scan of the QR code</source>
        <translation>QR-коддун сүрөтү же сканы</translation>
    </message>
    <message>
        <source>Images (*.png *.jpg *.jpeg *.bmp *.tif *.tiff)</source>
        <translation>Сүрөттөр (*.png *.jpg *.jpeg *.bmp *.tif *.tiff)</translation>
    </message>
    <message>
        <source>No certificate code found</source>
        <translation>Сертификаттын коду табылган жок</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Аты-жөнү</translation>
    </message>
    <message>
        <source>Training</source>
        <translation>Тренинг</translation>
    </message>
    <message>
        <source>Dates</source>
        <translation>Даталар</translation>
    </message>
    <message>
        <source>Hours attended</source>
        <translation>Катышкан сааттар</translation>
    </message>
    <message>
        <source>Community</source>
        <translation>Жамаат</translation>
    </message>
    <message>
        <source>Issued on</source>
        <translation>Берилген күнү</translation>
    </message>
    <message>
        <source>Signed by</source>
        <translation>Кол койгон</translation>
    </message>
    <message>
        <source>Valid: certificate {serial} is genuine.</source>
        <translation>Жарактуу: {serial} сертификаты чыныгы.</translation>
    </message>
    <message>
        <source>Facts printed on the certificate</source>
        <translation>Сертификатта басылган маалыматтар</translation>
    </message>
    <message>
        <source>This certificate was issued by another office, so it is not in this register. Type what is printed on it; the signature in the QR code shows whether it is genuine.</source>
        <translation>Бул сертификатты башка кеңсе берген, ошондуктан ал бул реестрде жок. Анда басылганды жазыңыз; QR коддогу кол тамга анын чыныгы же чыныгы эмес экенин көрсөтөт.</translation>
    </message>
    <message>
        <source>Full &amp;name:</source>
        <translation>Толук &amp;аты-жөнү:</translation>
    </message>
    <message>
        <source>&amp;Training:</source>
        <translation>Т&amp;ренинг:</translation>
    </message>
    <message>
        <source>Dates:</source>
        <translation>Даталар:</translation>
    </message>
    <message>
        <source>Hours attended / of the training:</source>
        <translation>Катышкан сааттар / тренингдин сааттары:</translation>
    </message>
    <message>
        <source>Co&amp;mmunity:</source>
        <translation>Жа&amp;маат:</translation>
    </message>
    <message>
        <source>&amp;Issued on:</source>
        <translation>Бер&amp;илген күнү:</translation>
    </message>
    <message>
        <source>Another office&apos;s certificate</source>
        <translation>Башка кеңсенин сертификаты</translation>
    </message>
    <message>
        <source>Type the facts printed on the certificate below, then press Check.</source>
        <translation>Сертификатта басылган маалыматтарды төмөнкү талааларга жазып, «Текшерүү» баскычын басыңыз.</translation>
    </message>
</context>
<context>
    <name>VulnerableGroupDialog</name>
    <message>
        <source>Edit vulnerable group</source>
        <translation>Аялуу топту оңдоо</translation>
    </message>
    <message>
        <source>New vulnerable group</source>
        <translation>Жаңы аялуу топ</translation>
    </message>
    <message>
        <source>Community: {name}</source>
        <translation>Жамаат: {name}</translation>
    </message>
    <message>
        <source>e.g. Young people without work, return migrants</source>
        <translation>мисалы, жумушсуз жаштар, кайтып келген мигранттар</translation>
    </message>
    <message>
        <source>&amp;Category:</source>
        <translation>&amp;Категория:</translation>
    </message>
    <message>
        <source>Who they are, where, how many, why they are at risk</source>
        <translation>Алар кимдер, кайда, канча, эмне үчүн коркунучта</translation>
    </message>
    <message>
        <source>&amp;Description:</source>
        <translation>Сү&amp;рөттөмө:</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>&amp;Сактоо</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Жокко чыгаруу</translation>
    </message>
</context>
<context>
    <name>VulnerableGroupsPage</name>
    <message>
        <source>Vulnerable groups</source>
        <translation>Аялуу топтор</translation>
    </message>
    <message>
        <source>&amp;Add</source>
        <translation>&amp;Кошуу</translation>
    </message>
    <message>
        <source>Add a vulnerable group (Ctrl+N)</source>
        <translation>Аялуу топ кошуу (Ctrl+N)</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>&amp;Оңдоо</translation>
    </message>
    <message>
        <source>&amp;Delete</source>
        <translation>&amp;Өчүрүү</translation>
    </message>
    <message>
        <source>Groups of people the community sees as most at risk of being drawn into violent extremism. The local plan&apos;s activities should reach them.</source>
        <translation>Жамаат зордук-зомбулук экстремизмине тартылуу коркунучу эң жогору деп эсептеген адамдардын топтору. Жергиликтүү пландын иш-чаралары аларды камтышы керек.</translation>
    </message>
    <message>
        <source>All communities</source>
        <translation>Бардык жамааттар</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>Категория</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>Сүрөттөмө</translation>
    </message>
    <message>
        <source>Community</source>
        <translation>Жамаат</translation>
    </message>
    <message>
        <source>No vulnerable groups recorded yet. Press “Add” (Ctrl+N) to record the first one.</source>
        <translation>Азырынча аялуу топтор жазылган жок. Биринчисин жазуу үчүн «Кошуу» (Ctrl+N) баскычын басыңыз.</translation>
    </message>
    <message>
        <source>No vulnerable groups recorded yet.</source>
        <translation>Азырынча аялуу топтор жазылган жок.</translation>
    </message>
    <message>
        <source>STRIVE Desktop</source>
        <translation>STRIVE Desktop</translation>
    </message>
    <message>
        <source>Choose a community at the top first: a vulnerable group belongs to one community.</source>
        <translation>Адегенде жогорудан жамаатты тандаңыз: аялуу топ бир жамаатка таандык.</translation>
    </message>
    <message>
        <source>Delete vulnerable group</source>
        <translation>Аялуу топту өчүрүү</translation>
    </message>
    <message>
        <source>Delete “{category}” from the community&apos;s vulnerable groups?</source>
        <translation>«{category}» тобун жамааттын аялуу топторунан өчүрөсүзбү?</translation>
    </message>
</context>
<context>
    <name>WalkInDialog</name>
    <message>
        <source>Add walk-in</source>
        <translation>Өзү келгенди кошуу</translation>
    </message>
    <message>
        <source>Someone came to the training who is not a member of the advisory group. They are added to this community&apos;s people and to this sheet.</source>
        <translation>Тренингге консультативдик топтун мүчөсү эмес адам келди. Ал бул жамааттын адамдарына жана ушул баракчага кошулат.</translation>
    </message>
    <message>
        <source>Surname Name Patronymic</source>
        <translation>Фамилиясы Аты Атасынын аты</translation>
    </message>
    <message>
        <source>Choose</source>
        <translation>Тандаңыз</translation>
    </message>
    <message>
        <source>&amp;Full name:</source>
        <translation>&amp;Аты-жөнү:</translation>
    </message>
    <message>
        <source>Se&amp;x:</source>
        <translation>&amp;Жынысы:</translation>
    </message>
    <message>
        <source>&amp;Birth year:</source>
        <translation>&amp;Туулган жылы:</translation>
    </message>
    <message>
        <source>S&amp;ector:</source>
        <translation>С&amp;ектор:</translation>
    </message>
    <message>
        <source>&amp;Add to the sheet</source>
        <translation>Баракчага &amp;кошуу</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Жокко чыгаруу</translation>
    </message>
</context>
<context>
    <name>_ListPage</name>
    <message>
        <source>Filter by name, phone or sector (Ctrl+F)</source>
        <translation>Аты, телефону же сектору боюнча чыпкалоо (Ctrl+F)</translation>
    </message>
    <message>
        <source>{shown} of {total} shown</source>
        <translation>{total} ичинен {shown} көрсөтүлдү</translation>
    </message>
    <message>
        <source>STRIVE Desktop</source>
        <translation>STRIVE Desktop</translation>
    </message>
    <message>
        <source>Select a person in the table first.</source>
        <translation>Адегенде таблицадан адамды тандаңыз.</translation>
    </message>
</context>
<context>
    <name>_LogoPicker</name>
    <message>
        <source>Choose…</source>
        <translation>Тандоо…</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Алып салуу</translation>
    </message>
    <message>
        <source>no logo</source>
        <translation>логотип жок</translation>
    </message>
    <message>
        <source>Logo for certificates</source>
        <translation>Сертификаттар үчүн логотип</translation>
    </message>
    <message>
        <source>Images (*.png *.jpg *.jpeg)</source>
        <translation>Сүрөттөр (*.png *.jpg *.jpeg)</translation>
    </message>
</context>
<context>
    <name>_Plurals</name>
    <message numerus="yes">
        <source>%Ln person(s)</source>
        <translation>
            <numerusform>%Ln адам</numerusform>
            <numerusform>%Ln адам</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>cli</name>
    <message>
        <source>move this headquarters&apos; database from its file to an empty PostgreSQL database (docs/postgresql.md)</source>
        <translation>бул башкы кеңсенин маалымат базасын файлынан бош PostgreSQL маалымат базасына көчүрүү (docs/postgresql.md)</translation>
    </message>
    <message>
        <source>postgresql+psycopg://user:password@server:5432/database (created empty, with LC_COLLATE &apos;C&apos;)</source>
        <translation>postgresql+psycopg://колдонуучу:сырсөз@сервер:5432/база (бош түзүлгөн, LC_COLLATE &apos;C&apos; менен)</translation>
    </message>
    <message>
        <source>headquarters only: keep the database on a PostgreSQL server (postgresql+psycopg://user:password@server:5432/database) instead of the data folder&apos;s file; settings.json&apos;s database_url does the same</source>
        <translation>башкы кеңсе үчүн гана: маалымат базасын маалымат папкасынын файлында эмес, PostgreSQL серверинде сактоо (postgresql+psycopg://колдонуучу:сырсөз@сервер:5432/база); settings.json ичиндеги database_url да ушундай кылат</translation>
    </message>
    <message>
        <source>data folder to use (default: the user&apos;s data folder); point it at a USB stick for portable use</source>
        <translation>колдонулуучу маалыматтар папкасы (демейки: колдонуучунун маалыматтар папкасы); флешкадан иштөө үчүн флешкадагы папканы көрсөтүңүз</translation>
    </message>
    <message>
        <source>interface language (also of error messages)</source>
        <translation>интерфейстин тили (ката билдирүүлөрүнүкү да)</translation>
    </message>
    <message>
        <source>the account to act as (default: the first admin); the password comes from STRIVE_PASSWORD or is asked on the terminal</source>
        <translation>кайсы эсептик жазуунун атынан аткаруу (демейки: биринчи администратор); сырсөз STRIVE_PASSWORD&apos;дон алынат же терминалда суралат</translation>
    </message>
    <message>
        <source>the account to act as (default: the first admin); the password comes from STRIVE_PASSWORD or is asked</source>
        <translation>кайсы эсептик жазуунун атынан аткаруу (демейки: биринчи администратор); сырсөз STRIVE_PASSWORD&apos;дон алынат же суралат</translation>
    </message>
    <message>
        <source>name this installation and tie it to a community (or --hq)</source>
        <translation>бул орнотууга ат берип, аны жамаатка байлоо (же --hq)</translation>
    </message>
    <message>
        <source>installation name, e.g. &apos;Kochkor office&apos;</source>
        <translation>орнотуунун аты, мисалы &apos;Кочкор кеңсеси&apos;</translation>
    </message>
    <message>
        <source>community name or code, e.g. Kochkor</source>
        <translation>жамааттын аты же коду, мисалы Kochkor</translation>
    </message>
    <message>
        <source>make this the headquarters installation</source>
        <translation>бул орнотууну башкы кеңсе кылуу</translation>
    </message>
    <message>
        <source>field office: set up from headquarters&apos; invitation file</source>
        <translation>талаа кеңсеси: башкы кеңсенин чакыруу файлы менен орнотуу</translation>
    </message>
    <message>
        <source>the first admin account&apos;s name (its password: STRIVE_PASSWORD, or asked twice)</source>
        <translation>биринчи администратордун эсептик жазуусунун аты (сырсөзү: STRIVE_PASSWORD же эки жолу суралат)</translation>
    </message>
    <message>
        <source>fill the data folder with realistic demo data</source>
        <translation>маалыматтар папкасын чындыкка окшош демо маалыматтар менен толтуруу</translation>
    </message>
    <message>
        <source>integrity and foreign-key check; non-zero exit on a problem</source>
        <translation>бүтүндүктү жана тышкы ачкычтарды текшерүү; көйгөй болсо нөл эмес чыгуу коду</translation>
    </message>
    <message>
        <source>write a consistent copy of the database (safe while the app runs)</source>
        <translation>маалымат базасынын бүтүн көчүрмөсүн жазуу (программа иштеп турганда да коопсуз)</translation>
    </message>
    <message>
        <source>file or folder to write</source>
        <translation>жазыла турган файл же папка</translation>
    </message>
    <message>
        <source>replace the database with a backup (the old one is kept in backups/)</source>
        <translation>маалымат базасын камдык көчүрмө менен алмаштыруу (эскиси backups/ папкасында сакталат)</translation>
    </message>
    <message>
        <source>accept a backup made by another installation (e.g. moving to a new computer)</source>
        <translation>башка орнотуу жасаган камдык көчүрмөнү кабыл алуу (мисалы, жаңы компьютерге көчкөндө)</translation>
    </message>
    <message>
        <source>every synced record as canonical, sorted JSON</source>
        <translation>синхрондоштурулуучу бардык жазуулар канондук, иреттелген JSON түрүндө</translation>
    </message>
    <message>
        <source>headquarters: write an invitation file for a new field office (its first package is then accepted without a phone call)</source>
        <translation>башкы кеңсе: жаңы талаа кеңсеси үчүн чакыруу файлын жазуу (анын биринчи пакети телефонсуз кабыл алынат)</translation>
    </message>
    <message>
        <source>file or folder to write (e.g. a USB stick)</source>
        <translation>жазыла турган файл же папка (мисалы, флешка)</translation>
    </message>
    <message>
        <source>how long the invitation is valid (default 30 days)</source>
        <translation>чакыруунун жарактуу мөөнөтү (демейки 30 күн)</translation>
    </message>
    <message>
        <source>headquarters: stop accepting an installation (id, name or fingerprint)</source>
        <translation>башкы кеңсе: орнотууну кабыл алууну токтотуу (id, аталышы же манжа изи)</translation>
    </message>
    <message>
        <source>error: {message}</source>
        <translation>ката: {message}</translation>
    </message>
    <message>
        <source>interrupted</source>
        <translation>токтотулду</translation>
    </message>
    <message>
        <source>Certificates written to {path}</source>
        <translation>Сертификаттар {path} файлына жазылды</translation>
    </message>
    <message>
        <source>{n} certificate(s) written to {path}</source>
        <translation>{path} папкасына жазылган сертификаттар: {n}</translation>
    </message>
    <message>
        <source>Attendance sheet written to {path}</source>
        <translation>Катышуу баракчасы {path} файлына жазылды</translation>
    </message>
    <message>
        <source>Plan written to {path}</source>
        <translation>План {path} файлына жазылды</translation>
    </message>
    <message>
        <source>Summary written to {path}</source>
        <translation>Жыйынтык {path} файлына жазылды</translation>
    </message>
    <message>
        <source>{n} row(s) of {table} written to {path}</source>
        <translation>{table} таблицасынын {path} файлына жазылган саптары: {n}</translation>
    </message>
    <message>
        <source>Donor workbook written to {path} ({n} participant(s) listed)</source>
        <translation>Донорлор үчүн китеп {path} файлына жазылды (тизмедеги катышуучулар: {n})</translation>
    </message>
    <message>
        <source>Nothing to send.</source>
        <translation>Жөнөтө турган эч нерсе жок.</translation>
    </message>
    <message>
        <source>No packages found.</source>
        <translation>Пакеттер табылган жок.</translation>
    </message>
    <message>
        <source>Imported packages were moved to {path}</source>
        <translation>Импорттолгон пакеттер {path} папкасына жылдырылды</translation>
    </message>
    <message>
        <source>{name}: {records} records, changes {first}-{last}, for {recipient}; written to {path}</source>
        <translation>{name}: жазуулар: {records}, өзгөрүүлөр {first}-{last}, алуучу: {recipient}; {path} файлына жазылды</translation>
    </message>
    <message>
        <source>{name}: {records} records, changes {first}-{last}, for {recipient}; written to {path} and {copy}</source>
        <translation>{name}: жазуулар: {records}, өзгөрүүлөр {first}-{last}, алуучу: {recipient}; {path} жана {copy} файлдарына жазылды</translation>
    </message>
    <message>
        <source>usage: </source>
        <translation>колдонуу: </translation>
    </message>
    <message>
        <source>positional arguments</source>
        <translation>позициялык аргументтер</translation>
    </message>
    <message>
        <source>options</source>
        <translation>параметрлер</translation>
    </message>
    <message>
        <source>show this help message and exit</source>
        <translation>ушул жардамды көрсөтүп, чыгуу</translation>
    </message>
    <message>
        <source>show program&apos;s version number and exit</source>
        <translation>программанын версиясын көрсөтүп, чыгуу</translation>
    </message>
    <message>
        <source>argument %(argument_name)s: %(message)s</source>
        <translation>%(argument_name)s аргументи: %(message)s</translation>
    </message>
    <message>
        <source>unrecognized arguments: %s</source>
        <translation>белгисиз аргументтер: %s</translation>
    </message>
    <message>
        <source>not allowed with argument %s</source>
        <translation>%s аргументи менен бирге болбойт</translation>
    </message>
    <message>
        <source>the following arguments are required: %s</source>
        <translation>төмөнкү аргументтер милдеттүү: %s</translation>
    </message>
    <message>
        <source>one of the arguments %s is required</source>
        <translation>%s аргументтеринин бири милдеттүү</translation>
    </message>
    <message>
        <source>expected one argument</source>
        <translation>бир маани күтүлөт</translation>
    </message>
    <message>
        <source>expected at most one argument</source>
        <translation>бирден ашык эмес маани күтүлөт</translation>
    </message>
    <message>
        <source>expected at least one argument</source>
        <translation>жок дегенде бир маани күтүлөт</translation>
    </message>
    <message>
        <source>ambiguous option: %(option)s could match %(matches)s</source>
        <translation>так эмес параметр: %(option)s төмөнкүлөргө туура келет: %(matches)s</translation>
    </message>
    <message>
        <source>invalid %(type)s value: %(value)r</source>
        <translation>туура эмес %(type)s мааниси: %(value)r</translation>
    </message>
    <message>
        <source>invalid choice: %(value)r (choose from %(choices)s)</source>
        <translation>туура эмес тандоо: %(value)r (булардан тандаңыз: %(choices)s)</translation>
    </message>
    <message>
        <source>%(prog)s: error: %(message)s
</source>
        <translation>%(prog)s: ката: %(message)s
</translation>
    </message>
    <message>
        <source>can&apos;t open &apos;%(filename)s&apos;: %(error)s</source>
        <translation>&apos;%(filename)s&apos; ачылбай калды: %(error)s</translation>
    </message>
    <message>
        <source>certificates for everyone who completed a training, as PDF</source>
        <translation>тренингди аяктагандардын баарына сертификаттар, PDF түрүндө</translation>
    </message>
    <message>
        <source>training id (as shown by &apos;dump&apos; and in the app)</source>
        <translation>тренингдин id&apos;си (&apos;dump&apos; жана программа көрсөткөндөй)</translation>
    </message>
    <message>
        <source>one PDF with every certificate</source>
        <translation>бардык сертификаттар бир PDF файлда</translation>
    </message>
    <message>
        <source>certificate language; bilingual = Kyrgyz and Russian (default: ky)</source>
        <translation>сертификаттын тили; bilingual = кыргызча жана орусча (демейки: ky)</translation>
    </message>
    <message>
        <source>also write one PDF per person into DIR</source>
        <translation>ошондой эле DIR папкасына ар бир адамга бирден PDF жазуу</translation>
    </message>
    <message>
        <source>blank attendance sheet of a training, as PDF</source>
        <translation>тренингдин бош каттоо баракчасы, PDF түрүндө</translation>
    </message>
    <message>
        <source>training id</source>
        <translation>тренингдин id&apos;си</translation>
    </message>
    <message>
        <source>empty rows for walk-ins (default 8)</source>
        <translation>тизмеде жок катышуучулар үчүн бош саптар (демейки 8)</translation>
    </message>
    <message>
        <source>a local plan as PDF (DRAFT watermark until approved)</source>
        <translation>жергиликтүү план PDF түрүндө (бекитилгенге чейин КАРАЛАМА белгиси менен)</translation>
    </message>
    <message>
        <source>plan id</source>
        <translation>пландын id&apos;си</translation>
    </message>
    <message>
        <source>donor summary for a period and one or all communities, as PDF</source>
        <translation>мезгил боюнча бир же бардык жамааттар үчүн донорлорго жыйынтык, PDF түрүндө</translation>
    </message>
    <message>
        <source>first day, YYYY-MM-DD</source>
        <translation>биринчи күн, ЖЖЖЖ-АА-КК</translation>
    </message>
    <message>
        <source>last day, YYYY-MM-DD</source>
        <translation>акыркы күн, ЖЖЖЖ-АА-КК</translation>
    </message>
    <message>
        <source>community name, code or id (default: all)</source>
        <translation>жамааттын аты, коду же id&apos;си (демейки: баары)</translation>
    </message>
    <message>
        <source>check a printed certificate against the register</source>
        <translation>басылган сертификатты реестр менен текшерүү</translation>
    </message>
    <message>
        <source>serial number printed on the certificate</source>
        <translation>сертификатта басылган каттоо номери</translation>
    </message>
    <message>
        <source>verification code printed on the certificate</source>
        <translation>сертификатта басылган текшерүү коду</translation>
    </message>
    <message>
        <source>the text of the certificate&apos;s QR code</source>
        <translation>сертификаттын QR-кодунун тексти</translation>
    </message>
    <message>
        <source>a photo or scan of the certificate&apos;s QR code</source>
        <translation>сертификаттын QR-кодунун сүрөтү же скани</translation>
    </message>
    <message>
        <source>full name as printed</source>
        <translation>аты-жөнү, басылгандай</translation>
    </message>
    <message>
        <source>training title as printed</source>
        <translation>тренингдин аталышы, басылгандай</translation>
    </message>
    <message>
        <source>first day of the training, YYYY-MM-DD</source>
        <translation>тренингдин биринчи күнү, ЖЖЖЖ-АА-КК</translation>
    </message>
    <message>
        <source>last day of the training, YYYY-MM-DD</source>
        <translation>тренингдин акыркы күнү, ЖЖЖЖ-АА-КК</translation>
    </message>
    <message>
        <source>hours attended</source>
        <translation>катышкан сааттар</translation>
    </message>
    <message>
        <source>hours of the whole training</source>
        <translation>бүт тренингдин сааттары</translation>
    </message>
    <message>
        <source>community (name in any language, or code)</source>
        <translation>жамаат (каалаган тилдеги аталышы же коду)</translation>
    </message>
    <message>
        <source>date of issue, YYYY-MM-DD</source>
        <translation>берилген күнү, ЖЖЖЖ-АА-КК</translation>
    </message>
    <message>
        <source>people who may be one person, with scores (most likely first)</source>
        <translation>бир эле адам болушу мүмкүн адамдар, окшоштук баасы менен (эң ыктымалдуулары биринчи)</translation>
    </message>
    <message>
        <source>only pairs with someone of this community (name, code or id)</source>
        <translation>ушул жамааттагы адам катышкан жуптар гана (аты, коду же id&apos;си)</translation>
    </message>
    <message>
        <source>merge OTHER into KEEP: one person, their records moved to KEEP</source>
        <translation>OTHER адамды KEEP менен бириктирүү: бир адам, анын жазуулары KEEPке өтөт</translation>
    </message>
    <message>
        <source>id (or its first 8 characters) of the person to keep</source>
        <translation>калуучу адамдын id&apos;си (же анын алгачкы 8 белгиси)</translation>
    </message>
    <message>
        <source>id of the person merged into KEEP (kept as a tombstone pointing to KEEP)</source>
        <translation>KEEP менен бириктирилүүчү адамдын id&apos;си (KEEPке шилтеме кылган белги болуп калат)</translation>
    </message>
    <message>
        <source>undo a merge: the merged person and their records come back</source>
        <translation>бириктирүүнү жокко чыгаруу: бириктирилген адам жана анын жазуулары кайтып келет</translation>
    </message>
    <message>
        <source>id of the merged person (as &apos;merge-people&apos; printed it)</source>
        <translation>бириктирилген адамдын id&apos;си (&apos;merge-people&apos; чыгаргандай)</translation>
    </message>
    <message>
        <source>remember that two people are not one person</source>
        <translation>бул эки башка адам экенин эстеп калуу</translation>
    </message>
    <message>
        <source>add an advisory group&apos;s people from an XLSX or CSV file</source>
        <translation>консультативдик топтун адамдарын XLSX же CSV файлдан кошуу</translation>
    </message>
    <message>
        <source>.xlsx or .csv (UTF-8 or Windows-1251, ; or , separated)</source>
        <translation>.xlsx же .csv (UTF-8 же Windows-1251, бөлгүч ; же ,)</translation>
    </message>
    <message>
        <source>name (or id) of the advisory group to add them to</source>
        <translation>алар кошула турган консультативдик топтун аты (же id&apos;си)</translation>
    </message>
    <message>
        <source>say what a column holds (COLUMN: header, letter or number; FIELD: full_name, last_name, first_name, middle_name, sex, birth_year, sector, phone, pin, organisation, position, role, joined_on, consent_date, notes or ignore)</source>
        <translation>мамычада эмне бар экенин көрсөтүү (COLUMN: аталышы, тамгасы же номери; FIELD: full_name, last_name, first_name, middle_name, sex, birth_year, sector, phone, pin, organisation, position, role, joined_on, consent_date, notes же ignore)</translation>
    </message>
    <message>
        <source>check the file and show what would happen; save nothing</source>
        <translation>файлды текшерип, эмне болорун көрсөтүү; эч нерсе сакталбайт</translation>
    </message>
    <message>
        <source>add possible duplicates as new people instead of taking them for the person found</source>
        <translation>мүмкүн болгон кайталанмаларды табылган адам деп эсептебей, жаңы адам катары кошуу</translation>
    </message>
    <message>
        <source>donor indicator workbook: breakdowns by sex, age, sector, phase, community and year, with the people counted</source>
        <translation>донорлор үчүн көрсөткүчтөр китеби: жынысы, жашы, сектору, этабы, жамааты жана жылы боюнча бөлүштүрүү, эсептелген адамдар менен</translation>
    </message>
    <message>
        <source>attendance from a trainer&apos;s spreadsheet (names and one column per session)</source>
        <translation>тренердин таблицасынан катышуу (аттар жана ар бир сабакка бирден мамыча)</translation>
    </message>
    <message>
        <source>leave out people who are stored but not on the training&apos;s sheet</source>
        <translation>базада бар, бирок тренингдин баракчасында жок адамдарды калтыруу</translation>
    </message>
    <message>
        <source>show what would be recorded; save nothing</source>
        <translation>эмне жазыла турганын көрсөтүү; эч нерсе сакталбайт</translation>
    </message>
    <message>
        <source>list the roster imports made here (to take one back)</source>
        <translation>бул жерде жасалган тизме импорттору (бирин кайтарып алуу үчүн)</translation>
    </message>
    <message>
        <source>take a roster import back as a whole (its records are deleted)</source>
        <translation>тизме импортун толугу менен кайтарып алуу (анын жазуулары өчүрүлөт)</translation>
    </message>
    <message>
        <source>id shown by &apos;import-roster&apos; and &apos;imports&apos;</source>
        <translation>&apos;import-roster&apos; жана &apos;imports&apos; көрсөткөн id</translation>
    </message>
    <message>
        <source>this installation&apos;s sync keys, the headquarters key, accepted installations</source>
        <translation>бул орнотуунун синхрондоштуруу ачкычтары, башкы кеңсенин ачкычы, кабыл алынган орнотуулар</translation>
    </message>
    <message>
        <source>fingerprints of this installation, headquarters and other installations</source>
        <translation>бул орнотуунун, башкы кеңсенин жана башка орнотуулардын манжа издери</translation>
    </message>
    <message>
        <source>headquarters: write the key file field installations import</source>
        <translation>башкы кеңсе: жерлердеги орнотуулар импорттой турган ачкыч файлын жазуу</translation>
    </message>
    <message>
        <source>field: import headquarters&apos; key file (once)</source>
        <translation>жерлерде: башкы кеңсенин ачкыч файлын импорттоо (бир жолу)</translation>
    </message>
    <message>
        <source>headquarters: accept an installation (id, name or fingerprint) and import its waiting packages</source>
        <translation>башкы кеңсе: орнотууну кабыл алуу (id, аты же манжа изи) жана анын күтүп турган пакеттерин импорттоо</translation>
    </message>
    <message>
        <source>write a passphrase-protected backup of the private keys (passphrase from STRIVE_PASSPHRASE or asked)</source>
        <translation>жабык ачкычтардын сырсөз менен корголгон камдык көчүрмөсүн жазуу (сырсөз STRIVE_PASSPHRASE&apos;тен же суралат)</translation>
    </message>
    <message>
        <source>restore the private keys from a backup</source>
        <translation>жабык ачкычтарды камдык көчүрмөдөн калыбына келтирүү</translation>
    </message>
    <message>
        <source>write a sync package (field: changes since the last one; headquarters: a return package per field installation)</source>
        <translation>синхрондоштуруу пакетин жазуу (жерлерде: акыркы пакеттен бери болгон өзгөртүүлөр; башкы кеңсе: жерлердеги ар бир орнотуу үчүн жооп пакети)</translation>
    </message>
    <message>
        <source>also copy the package(s) to this folder (USB stick)</source>
        <translation>пакетти (пакеттерди) ушул папкага да көчүрүү (флешка)</translation>
    </message>
    <message>
        <source>everything, not only the changes since the last export</source>
        <translation>акыркы экспорттон бери болгон өзгөртүүлөр гана эмес, баары</translation>
    </message>
    <message>
        <source>re-export the changes A to B</source>
        <translation>A&apos;дан B&apos;га чейинки өзгөртүүлөрдү кайра экспорттоо</translation>
    </message>
    <message>
        <source>import sync packages</source>
        <translation>синхрондоштуруу пакеттерин импорттоо</translation>
    </message>
    <message>
        <source>import every package in this folder</source>
        <translation>ушул папкадагы бардык пакеттерди импорттоо</translation>
    </message>
    <message>
        <source>installations, last packages, gaps, outbox, conflicts</source>
        <translation>орнотуулар, акыркы пакеттер, боштуктар, чыгуучу пакеттер, карама-каршылыктар</translation>
    </message>
    <message>
        <source>values that lost a sync conflict; reverse or keep one</source>
        <translation>синхрондоштуруудагы карама-каршылыкта уттурган маанилер; кайтаруу же бирин калтыруу</translation>
    </message>
    <message>
        <source>make the other value the current one</source>
        <translation>башка маанини учурдагы маани кылуу</translation>
    </message>
    <message>
        <source>keep the current value</source>
        <translation>учурдагы маанини калтыруу</translation>
    </message>
    <message>
        <source>  gap: {gap}</source>
        <translation>  боштук: {gap}</translation>
    </message>
    <message>
        <source>accounts of this installation (administrators only)</source>
        <translation>бул орнотуунун эсептик жазуулары (администраторлор үчүн гана)</translation>
    </message>
    <message>
        <source>every account with its role</source>
        <translation>ар бир эсептик жазуу өз ролу менен</translation>
    </message>
    <message>
        <source>a new account; its password from STRIVE_NEW_PASSWORD or asked</source>
        <translation>жаңы эсептик жазуу; сырсөзү STRIVE_NEW_PASSWORD&apos;дон алынат же суралат</translation>
    </message>
    <message>
        <source>trainer, staff, or the administrator of this kind of installation (office_admin at a field office, hq_admin at headquarters)</source>
        <translation>тренер, кызматкер же ушул түрдөгү орнотуунун администратору (талаа кеңсесинде office_admin, башкы кеңседе hq_admin)</translation>
    </message>
    <message>
        <source>a new password for an account (a forgotten one)</source>
        <translation>эсептик жазуу үчүн жаңы сырсөз (унутулган болсо)</translation>
    </message>
    <message>
        <source>change an account&apos;s role</source>
        <translation>эсептик жазуунун ролун өзгөртүү</translation>
    </message>
    <message>
        <source>the account can no longer log in (its name stays in the log)</source>
        <translation>эсептик жазуу мындан ары кире албайт (аты журналда калат)</translation>
    </message>
    <message>
        <source>headquarters: write the recovery file of a field office whose every password is forgotten (its one-time code is shown once)</source>
        <translation>башкы кеңсе: бардык сырсөздөрү унутулган кеңсенин калыбына келтирүү файлын жазуу (анын бир жолку коду бир гана жолу көрсөтүлөт)</translation>
    </message>
    <message>
        <source>the office&apos;s installation id (or its start) or name</source>
        <translation>кеңсенин орнотуу идентификатору (же анын башы) же аты</translation>
    </message>
    <message>
        <source>the file (or folder) to write</source>
        <translation>жазыла турган файл (же папка)</translation>
    </message>
    <message>
        <source>days the file stays valid (default 14)</source>
        <translation>файл канча күн жарактуу (демейки 14)</translation>
    </message>
    <message>
        <source>field office: open with headquarters&apos; recovery file and set a new administrator password</source>
        <translation>кеңсе: башкы кеңсенин калыбына келтирүү файлы менен ачып, администратордун жаңы сырсөзүн коюу</translation>
    </message>
    <message>
        <source>the recovery file from headquarters</source>
        <translation>башкы кеңседен келген калыбына келтирүү файлы</translation>
    </message>
    <message>
        <source>the administrator who gets the new password (made if missing)</source>
        <translation>жаңы сырсөз берилүүчү администратор (жок болсо түзүлөт)</translation>
    </message>
    <message>
        <source>the recovery code headquarters read out (else STRIVE_RECOVERY_CODE or asked)</source>
        <translation>башкы кеңсе окуп берген калыбына келтирүү коду (болбосо STRIVE_RECOVERY_CODE же суралат)</translation>
    </message>
    <message>
        <source>warning: {message}</source>
        <translation>эскертүү: {message}</translation>
    </message>
    <message>
        <source>refuse to print when no signer is set (without it, a warning and the print goes on)</source>
        <translation>кол коюучу коюлбаса, басып чыгаруудан баш тартуу (болбосо: эскертүү берилет жана басып чыгаруу уланат)</translation>
    </message>
    <message>
        <source>Demo data added: {communities} communities, {people} people, {trainings} trainings, {plans} plans.</source>
        <translation>Демо маалыматтар кошулду: жамааттар {communities}, адамдар {people}, тренингдер {trainings}, пландар {plans}.</translation>
    </message>
    <message>
        <source>Backup written to {path}</source>
        <translation>Камдык көчүрмө {path} файлына жазылды</translation>
    </message>
    <message>
        <source>Backup written to {path} (encrypted, checked)</source>
        <translation>Камдык көчүрмө {path} файлына жазылды (шифрленген, текшерилген)</translation>
    </message>
    <message>
        <source>Restored {file}. The replaced database was kept as {path}</source>
        <translation>{file} калыбына келтирилди. Алмаштырылган маалымат базасы {path} катары сакталды</translation>
    </message>
    <message>
        <source>Restored {file}. What it replaced was kept in {path}</source>
        <translation>{file} калыбына келтирилди. Алмаштырылган маалыматтар {path} папкасында сакталды</translation>
    </message>
    <message>
        <source>Installation &apos;{name}&apos; (headquarters) set up in {path}</source>
        <translation>&apos;{name}&apos; орнотуусу (башкы кеңсе) {path} папкасында түзүлдү</translation>
    </message>
    <message>
        <source>Installation &apos;{name}&apos; ({community}) set up in {path}</source>
        <translation>&apos;{name}&apos; орнотуусу ({community}) {path} папкасында түзүлдү</translation>
    </message>
    <message>
        <source>schema version: {version}</source>
        <translation>схеманын версиясы: {version}</translation>
    </message>
    <message>
        <source>schema version: {version} (the app upgrades it to {head} when it opens the folder)</source>
        <translation>схеманын версиясы: {version} (программа папканы ачканда аны {head} версиясына жаңылайт)</translation>
    </message>
    <message>
        <source>{table}: {n}</source>
        <translation>{table}: {n}</translation>
    </message>
    <message>
        <source>problem: {problem}</source>
        <translation>көйгөй: {problem}</translation>
    </message>
    <message>
        <source>check: OK</source>
        <translation>текшерүү: баары туура</translation>
    </message>
    <message>
        <source>check: {n} problem(s)</source>
        <translation>текшерүү: табылган көйгөйлөр: {n}</translation>
    </message>
    <message>
        <source>Password of {name} in the backup: </source>
        <translation>Камдык көчүрмөдөгү {name} сырсөзү: </translation>
    </message>
    <message>
        <source>Invitation written to {path}, valid until {date}. Give it to the office (USB stick, e-mail); headquarters&apos; fingerprint is {fingerprint}.</source>
        <translation>Чакыруу {path} файлына жазылды, {date} чейин жарактуу. Аны кеңсеге бериңиз (флешка, электрондук почта); башкы кеңсенин манжа изи: {fingerprint}.</translation>
    </message>
    <message>
        <source>{name} is no longer accepted; its packages wait until it is accepted again.</source>
        <translation>{name} мындан ары кабыл алынбайт; анын пакеттери кайра кабыл алынганга чейин күтөт.</translation>
    </message>
    <message>
        <source>Installation &apos;{name}&apos; ({community}) set up in {path} by invitation; it can export to headquarters now.</source>
        <translation>&apos;{name}&apos; орнотуусу ({community}) {path} папкасында чакыруу менен түзүлдү; эми ал башкы кеңсеге маалымат жөнөтө алат.</translation>
    </message>
    <message>
        <source>Moved {n} rows to {url}. This data folder now uses that database (settings.json); its old file strive.sqlite3 was left as it was: keep it as a copy.</source>
        <translation>{url} базасына көчүрүлгөн саптар: {n}. Бул маалыматтар папкасы эми ошол маалымат базасын колдонот (settings.json); анын эски strive.sqlite3 файлы ошол бойдон калды: аны көчүрмө катары сактаңыз.</translation>
    </message>
    <message>
        <source>New password for {name}: </source>
        <translation>{name} үчүн жаңы сырсөз: </translation>
    </message>
    <message>
        <source>Repeat the password: </source>
        <translation>Сырсөздү кайталаңыз: </translation>
    </message>
    <message>
        <source>Password for {name}: </source>
        <translation>{name} сырсөзү: </translation>
    </message>
    <message>
        <source>same personal number (PIN)</source>
        <translation>жеке номери (ПИН) бирдей</translation>
    </message>
    <message>
        <source>same name</source>
        <translation>аты бирдей</translation>
    </message>
    <message>
        <source>same name in other letters (Latin / Cyrillic)</source>
        <translation>аты башка тамгалар менен бирдей (латын / кирилл)</translation>
    </message>
    <message>
        <source>same name in another word order</source>
        <translation>аты бирдей, сөздөрдүн тартиби башка</translation>
    </message>
    <message>
        <source>name one letter apart</source>
        <translation>аты бир тамгага айырмаланат</translation>
    </message>
    <message>
        <source>same name in another spelling</source>
        <translation>аты бирдей, жазылышы башка</translation>
    </message>
    <message>
        <source>patronymic written in one record only</source>
        <translation>атасынын аты бир гана жазууда бар</translation>
    </message>
    <message>
        <source>same birth year</source>
        <translation>туулган жылы бирдей</translation>
    </message>
    <message>
        <source>same phone</source>
        <translation>телефону бирдей</translation>
    </message>
    <message>
        <source>same community</source>
        <translation>жамааты бирдей</translation>
    </message>
    <message>
        <source>{n} pair(s). Merge with: merge-people KEEP OTHER</source>
        <translation>Жуптар: {n}. Бириктирүү: merge-people KEEP OTHER</translation>
    </message>
    <message>
        <source>Merged {merged} into {kept}: {memberships} membership(s), {attendance} attendance record(s), {certificates} certificate(s) moved. Undo with: unmerge {short}</source>
        <translation>{merged} {kept} менен бириктирилди: которулган мүчөлүктөр {memberships}, катышуу жазуулары {attendance}, сертификаттар {certificates}. Жокко чыгаруу: unmerge {short}</translation>
    </message>
    <message>
        <source>{merged} is a person of their own again (kept apart from {kept}).</source>
        <translation>{merged} кайра өзүнчө адам ({kept} менен бир адам эмес деп белгиленди).</translation>
    </message>
    <message>
        <source>Kept apart: they will not be offered as one person again.</source>
        <translation>Башка-башка адамдар деп белгиленди: алар мындан ары бир адам катары сунушталбайт.</translation>
    </message>
    <message>
        <source>No likely duplicates.</source>
        <translation>Болжолдуу кайталанмалар жок.</translation>
    </message>
    <message>
        <source>{score} likely {a}  &lt;-&gt;  {b}: {why}</source>
        <translation>{score} ыктымал {a}  &lt;-&gt;  {b}: {why}</translation>
    </message>
    <message>
        <source>{score} possible {a}  &lt;-&gt;  {b}: {why}</source>
        <translation>{score} мүмкүн {a}  &lt;-&gt;  {b}: {why}</translation>
    </message>
    <message>
        <source>Recovery file for {name} written to {path}</source>
        <translation>{name} үчүн калыбына келтирүү файлы {path} файлына жазылды</translation>
    </message>
    <message>
        <source>Valid until {date}.</source>
        <translation>{date} чейин жарактуу.</translation>
    </message>
    <message>
        <source>Recovery code (read it out on the phone; it is shown only now): {code}</source>
        <translation>Калыбына келтирүү коду (аны телефон аркылуу окуп бериңиз; ал азыр гана көрсөтүлөт): {code}</translation>
    </message>
    <message>
        <source>{installation} is open again. {account} ({role}) logs in with the new password.</source>
        <translation>{installation} кайра ачылды. {account} ({role}) жаңы сырсөз менен кирет.</translation>
    </message>
    <message>
        <source>Recovery code from headquarters: </source>
        <translation>Башкы кеңседен келген калыбына келтирүү коду: </translation>
    </message>
    <message>
        <source>  row {line}: {name}: {reasons}</source>
        <translation>  {line}-сап: {name}: {reasons}</translation>
    </message>
    <message>
        <source>Columns: {columns}</source>
        <translation>Мамычалар: {columns}</translation>
    </message>
    <message>
        <source>Import {id} taken back: {n} record(s) deleted.</source>
        <translation>{id} импорту жокко чыгарылды: өчүрүлгөн жазуулар: {n}.</translation>
    </message>
    <message>
        <source>Session columns: {columns}</source>
        <translation>Сабактардын мамычалары: {columns}</translation>
    </message>
    <message>
        <source>Dry run, nothing saved. Would add {added}, match {matched}, refuse {refused}.</source>
        <translation>Сыноо иретинде, эч нерсе сакталган жок. Кошулмак: {added}, дал келмек: {matched}, четке кагылмак: {refused}.</translation>
    </message>
    <message>
        <source>To take it back: undo-import {id}</source>
        <translation>Жокко чыгаруу үчүн: undo-import {id}</translation>
    </message>
    <message>
        <source>{id}  {when}  {file}  -&gt; {group}: added {added}, matched {matched}, refused {refused}; {state}</source>
        <translation>{id}  {when}  {file}  -&gt; {group}: кошулду {added}, дал келди {matched}, четке кагылды {refused}; {state}</translation>
    </message>
    <message>
        <source>  row {line}: {name} {marks}</source>
        <translation>  {line}-сап: {name} {marks}</translation>
    </message>
    <message>
        <source>Dry run, nothing saved.</source>
        <translation>Сыноо иретинде, эч нерсе сакталган жок.</translation>
    </message>
    <message>
        <source>  row {line}: {name} = {match} ({year}, {community})</source>
        <translation>  {line}-сап: {name} = {match} ({year}, {community})</translation>
    </message>
    <message>
        <source>taken back {when}</source>
        <translation>{when} жокко чыгарылган</translation>
    </message>
    <message>
        <source>in force</source>
        <translation>күчүндө</translation>
    </message>
    <message>
        <source> (walk-in)</source>
        <translation> (тизмесиз келген)</translation>
    </message>
    <message>
        <source>Account {name} added ({role}).</source>
        <translation>{name} эсептик жазуусу кошулду ({role}).</translation>
    </message>
    <message>
        <source>The password of {name} was changed.</source>
        <translation>{name} сырсөзү өзгөртүлдү.</translation>
    </message>
    <message>
        <source>{name} is now {role}.</source>
        <translation>{name} эми {role}.</translation>
    </message>
    <message>
        <source>Account {name} deactivated: it can no longer log in.</source>
        <translation>{name} эсептик жазуусу өчүрүлдү: аны менен мындан ары кирүүгө болбойт.</translation>
    </message>
    <message>
        <source>No accounts.</source>
        <translation>Эсептик жазуулар жок.</translation>
    </message>
    <message>
        <source>active (added {date})</source>
        <translation>активдүү ({date} кошулган)</translation>
    </message>
    <message>
        <source>deactivated (added {date})</source>
        <translation>өчүрүлгөн ({date} кошулган)</translation>
    </message>
    <message>
        <source>accepted</source>
        <translation>кабыл алынган</translation>
    </message>
    <message>
        <source>waiting</source>
        <translation>күтүүдө</translation>
    </message>
    <message>
        <source>revoked</source>
        <translation>кайтарылып алынган</translation>
    </message>
    <message>
        <source>fingerprint: {fingerprint}</source>
        <translation>манжа изи: {fingerprint}</translation>
    </message>
    <message>
        <source>Headquarters key written to {path} (fingerprint {fingerprint})</source>
        <translation>Башкы кеңсенин ачкычы {path} файлына жазылды (манжа изи {fingerprint})</translation>
    </message>
    <message>
        <source>Headquarters key imported. Check its fingerprint with headquarters: {fingerprint}</source>
        <translation>Башкы кеңсенин ачкычы импорттолду. Анын манжа изин башкы кеңсе менен салыштырыңыз: {fingerprint}</translation>
    </message>
    <message>
        <source>Accepted {name} ({fingerprint}).</source>
        <translation>{name} кабыл алынды ({fingerprint}).</translation>
    </message>
    <message>
        <source>Key backup written to {path}. Keep the passphrase apart from the file.</source>
        <translation>Ачкычтардын камдык көчүрмөсү {path} файлына жазылды. Сырсөздү файлдан өзүнчө сактаңыз.</translation>
    </message>
    <message>
        <source>Keys restored; fingerprint {fingerprint}</source>
        <translation>Ачкычтар калыбына келтирилди; манжа изи {fingerprint}</translation>
    </message>
    <message>
        <source>Passphrase: </source>
        <translation>Сырсөз: </translation>
    </message>
    <message>
        <source>Passphrase again: </source>
        <translation>Сырсөз дагы бир жолу: </translation>
    </message>
    <message>
        <source>this installation: {name} (headquarters) {id}</source>
        <translation>бул орнотуу: {name} (башкы кеңсе) {id}</translation>
    </message>
    <message>
        <source>this installation: {name} (field office) {id}</source>
        <translation>бул орнотуу: {name} (талаа кеңсеси) {id}</translation>
    </message>
    <message>
        <source>{name} (headquarters), fingerprint {fingerprint}</source>
        <translation>{name} (башкы кеңсе), манжа изи {fingerprint}</translation>
    </message>
    <message>
        <source>{name} (field office), fingerprint {fingerprint}</source>
        <translation>{name} (талаа кеңсеси), манжа изи {fingerprint}</translation>
    </message>
    <message>
        <source>changes not yet exported: {n}</source>
        <translation>азырынча экспорттолбогон өзгөрүүлөр: {n}</translation>
    </message>
    <message>
        <source>delivered</source>
        <translation>жеткирилди</translation>
    </message>
    <message>
        <source>copied</source>
        <translation>көчүрүлдү</translation>
    </message>
    <message>
        <source>in outbox</source>
        <translation>чыгуучу папкада</translation>
    </message>
    <message>
        <source>outbox: {file} for {recipient}, {when}, {state}</source>
        <translation>чыгуучу: {file}, алуучу {recipient}, {when}, {state}</translation>
    </message>
    <message>
        <source>open conflicts to review: {n} ({where})</source>
        <translation>текшерүүнү күткөн карама-каршылыктар: {n} ({where})</translation>
    </message>
    <message>
        <source>set aside: {table} {id} from {file}, {when}: {reason}</source>
        <translation>четке коюлду: {table} {id}, {file} файлынан, {when}: {reason}</translation>
    </message>
    <message>
        <source>Conflict {id} reversed; the change goes out with the next export.</source>
        <translation>{id} карама-каршылыгы экинчи маани пайдасына чечилди; өзгөрүү кийинки экспорт менен жөнөтүлөт.</translation>
    </message>
    <message>
        <source>Conflict {id}: the current value is kept.</source>
        <translation>{id} карама-каршылыгы: учурдагы маани калтырылды.</translation>
    </message>
    <message>
        <source>{id}: {table} {record}, {field}: kept {kept} from {winner}; other {other} from {loser}</source>
        <translation>{id}: {table} {record}, {field}: калтырылды {kept} ({winner}); башкасы {other} ({loser})</translation>
    </message>
    <message>
        <source>No open conflicts.</source>
        <translation>Ачык карама-каршылыктар жок.</translation>
    </message>
    <message>
        <source>headquarters</source>
        <translation>башкы кеңсе</translation>
    </message>
    <message>
        <source>: {packages} packages, last change {last}, last received {received}</source>
        <translation>: пакеттер {packages}, акыркы өзгөрүү {last}, акыркы алынганы {received}</translation>
    </message>
    <message>
        <source>invitation for {community}, written {written}, valid until {until}: {state}</source>
        <translation>{community} үчүн чакыруу, {written} жазылган, {until} чейин жарактуу: {state}</translation>
    </message>
    <message>
        <source>(empty)</source>
        <translation>(бош)</translation>
    </message>
    <message>
        <source>(deleted)</source>
        <translation>(өчүрүлгөн)</translation>
    </message>
    <message>
        <source>, {n} waiting for acceptance</source>
        <translation>, кабыл алынууну күтүүдө: {n}</translation>
    </message>
    <message>
        <source>used by {id} on {date}</source>
        <translation>{date} күнү {id} колдонгон</translation>
    </message>
    <message>
        <source>not used yet</source>
        <translation>азырынча колдонулган жок</translation>
    </message>
    <message>
        <source>not a date (YYYY-MM-DD): {text}</source>
        <translation>дата эмес (ЖЖЖЖ-АА-КК): {text}</translation>
    </message>
</context>
<context>
    <name>pdf</name>
    <message>
        <source>Attendance sheet</source>
        <translation>Катышуучуларды каттоо баракчасы</translation>
    </message>
    <message>
        <source>Community</source>
        <translation>Жамаат</translation>
    </message>
    <message>
        <source>Dates</source>
        <translation>Өткөрүлгөн күндөрү</translation>
    </message>
    <message>
        <source>Venue</source>
        <translation>Өткөрүлгөн жери</translation>
    </message>
    <message>
        <source>Trainer(s)</source>
        <translation>Тренер(лер)</translation>
    </message>
    <message>
        <source>No.</source>
        <translation>№</translation>
    </message>
    <message>
        <source>Full name</source>
        <translation>Аты-жөнү</translation>
    </message>
    <message>
        <source>Sector</source>
        <translation>Сектор</translation>
    </message>
    <message>
        <source>Sex</source>
        <translation>Жынысы</translation>
    </message>
    <message>
        <source>Year of birth</source>
        <translation>Туулган жылы</translation>
    </message>
    <message>
        <source>Consent given</source>
        <translation>Макулдук берилди</translation>
    </message>
    <message>
        <source>Name, position</source>
        <translation>Аты-жөнү, кызматы</translation>
    </message>
    <message>
        <source>Signature</source>
        <translation>Колу</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Күнү</translation>
    </message>
    <message>
        <source>Phase</source>
        <translation>Этап</translation>
    </message>
    <message>
        <source>Sessions</source>
        <translation>Сабактар</translation>
    </message>
    <message>
        <source>of</source>
        <translation>/</translation>
    </message>
    <message>
        <source>Page {x} of {y}</source>
        <translation>{y} беттин {x}-бети</translation>
    </message>
    <message>
        <source>The trainer confirms this list</source>
        <translation>Тренер тизмени тастыктайт</translation>
    </message>
    <message>
        <source>h</source>
        <translation>саат</translation>
    </message>
    <message>
        <source>Participants not on the list</source>
        <translation>Тизмеде жок катышуучулар</translation>
    </message>
    <message>
        <source>STRIVE Asia — Strengthening Resilience to Violent Extremism</source>
        <translation>STRIVE Asia — Зордук-зомбулук экстремизмине туруктуулукту бекемдөө</translation>
    </message>
    <message>
        <source>CERTIFICATE</source>
        <translation>СЕРТИФИКАТ</translation>
    </message>
    <message>
        <source>This certificate is awarded to</source>
        <translation>Бул сертификат төмөнкүгө берилди</translation>
    </message>
    <message>
        <source>for completing the training</source>
        <translation>окууну ийгиликтүү аяктаганы үчүн</translation>
    </message>
    <message>
        <source>Hours attended</source>
        <translation>Катышкан сааттар</translation>
    </message>
    <message>
        <source>Serial No.</source>
        <translation>Каттоо №</translation>
    </message>
    <message>
        <source>Verification code</source>
        <translation>Текшерүү коду</translation>
    </message>
    <message>
        <source>Issued on</source>
        <translation>Берилген күнү</translation>
    </message>
    <message>
        <source>DRAFT</source>
        <translation>КАРАЛАМА</translation>
    </message>
    <message>
        <source>Working copy, not yet saved as a revision</source>
        <translation>Жумушчу нуска, редакция катары сакталган эмес</translation>
    </message>
    <message>
        <source>Revision {n} of {date}, with changes made since</source>
        <translation>{date} күнкү {n}-редакция, андан кийинки өзгөртүүлөр менен</translation>
    </message>
    <message>
        <source>Revision {n} of {date}</source>
        <translation>{date} күнкү {n}-редакция</translation>
    </message>
    <message>
        <source>Period</source>
        <translation>Мезгил</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Абалы</translation>
    </message>
    <message>
        <source>Revision</source>
        <translation>Редакция</translation>
    </message>
    <message>
        <source>Context</source>
        <translation>Абал</translation>
    </message>
    <message>
        <source>Vulnerable groups</source>
        <translation>Аялуу топтор</translation>
    </message>
    <message>
        <source>Objectives</source>
        <translation>Максаттар</translation>
    </message>
    <message>
        <source>Prepared by</source>
        <translation>Даярдаган</translation>
    </message>
    <message>
        <source>Community prevention centre</source>
        <translation>Коомдук алдын алуу борбору</translation>
    </message>
    <message>
        <source>Agreed by</source>
        <translation>Макулдашылган</translation>
    </message>
    <message>
        <source>Chair of the aiyl kenesh</source>
        <translation>Айылдык кеңештин төрагасы</translation>
    </message>
    <message>
        <source>Approved by</source>
        <translation>Бекитилген</translation>
    </message>
    <message>
        <source>Head of the aiyl okmotu</source>
        <translation>Айыл өкмөтүнүн башчысы</translation>
    </message>
    <message>
        <source>Printed on {date}</source>
        <translation>Басылган күнү {date}</translation>
    </message>
    <message>
        <source>Activity</source>
        <translation>Иш-чара</translation>
    </message>
    <message>
        <source>Project</source>
        <translation>Долбоор</translation>
    </message>
    <message>
        <source>Local</source>
        <translation>Жергиликтүү</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>Башка</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>Бардыгы</translation>
    </message>
    <message>
        <source>Local prevention plan</source>
        <translation>Алдын алуунун жергиликтүү планы</translation>
    </message>
    <message>
        <source>No activities yet.</source>
        <translation>Азырынча иш-чаралар жок.</translation>
    </message>
    <message>
        <source>Approved on</source>
        <translation>Бекитилген күнү</translation>
    </message>
    <message>
        <source>(not written yet)</source>
        <translation>(толтурула элек)</translation>
    </message>
    <message>
        <source>Activities</source>
        <translation>Иш-чаралар</translation>
    </message>
    <message>
        <source>Responsible</source>
        <translation>Жооптуулар</translation>
    </message>
    <message>
        <source>Partners</source>
        <translation>Өнөктөштөр</translation>
    </message>
    <message>
        <source>Budget, som</source>
        <translation>Бюджет, сом</translation>
    </message>
    <message>
        <source>Indicator</source>
        <translation>Индикатор</translation>
    </message>
    <message>
        <source>Age: the age reached in the year of the first session the person attended in the period (only the birth year is recorded).</source>
        <translation>Жашы — мезгил ичинде катышкан биринчи сабактын жылындагы жашы (туулган жылы гана жазылат).</translation>
    </message>
    <message>
        <source>Participant: a person marked present at one or more sessions dated in the period; counted once in each total, and once in each phase, sector or community they were trained in.</source>
        <translation>Катышуучу — мезгил ичинде жок дегенде бир сабакка катышты деп белгиленген адам; ар бир жыйынтыкта бир жолу, ар бир этапта, секторда же жамаатта бир жолудан эсептелет.</translation>
    </message>
    <message>
        <source>Training and session: counted when at least one participant was marked present; trainings with nobody present are listed separately and not counted.</source>
        <translation>Тренинг жана сабак жок дегенде бир катышуучу белгиленсе эсептелет; эч ким катышпаган тренингдер өзүнчө көрсөтүлөт жана эсептелбейт.</translation>
    </message>
    <message>
        <source>Completed: attended at least the share of a training&apos;s hours set in the app (Settings) for at least one training held in the period.</source>
        <translation>Аяктагандар — мезгил ичиндеги жок дегенде бир тренингдин программада белгиленген сааттар үлүшүнө (Жөндөөлөр) катышкандар.</translation>
    </message>
    <message>
        <source>Certificates: issued in the period and not revoked.</source>
        <translation>Сертификаттар — мезгил ичинде берилген жана жокко чыгарылбаган.</translation>
    </message>
    <message>
        <source>Plans: local plans whose period overlaps the report&apos;s; budgets are the sums of their activities (cancelled ones left out), by source of funds.</source>
        <translation>Пландар — мезгили жыйынтыктын мезгилине туура келген жергиликтүү пландар; бюджет — иш-чаралардын (жокко чыгарылгандардан башка) каражат булактары боюнча суммасы.</translation>
    </message>
    <message>
        <source>Participants</source>
        <translation>Катышуучулар</translation>
    </message>
    <message>
        <source>Share</source>
        <translation>Үлүшү</translation>
    </message>
    <message>
        <source>All communities</source>
        <translation>Бардык жамааттар</translation>
    </message>
    <message>
        <source>All dates</source>
        <translation>Бардык мезгил</translation>
    </message>
    <message>
        <source>Women</source>
        <translation>Аялдар</translation>
    </message>
    <message>
        <source>Men</source>
        <translation>Эркектер</translation>
    </message>
    <message>
        <source>Participants by sex</source>
        <translation>Катышуучулар жынысы боюнча</translation>
    </message>
    <message>
        <source>Participants by age</source>
        <translation>Катышуучулар жашы боюнча</translation>
    </message>
    <message>
        <source>Participants by sector</source>
        <translation>Катышуучулар секторлор боюнча</translation>
    </message>
    <message>
        <source>Trainings</source>
        <translation>Тренингдер</translation>
    </message>
    <message>
        <source>Completed at least one training</source>
        <translation>Жок дегенде бир тренингди аяктагандар</translation>
    </message>
    <message>
        <source>Certificates issued</source>
        <translation>Берилген сертификаттар</translation>
    </message>
    <message>
        <source>Hours attended</source>
        <comment>summary</comment>
        <translation>Катышуу сааттары</translation>
    </message>
    <message>
        <source>Programme summary for donors</source>
        <translation>Донорлор үчүн программа боюнча жыйынтык</translation>
    </message>
    <message>
        <source>Prepared with STRIVE Desktop on {date}</source>
        <translation>STRIVE Desktop менен {date} даярдалды</translation>
    </message>
    <message>
        <source>Participants by age and sex</source>
        <translation>Катышуучулар жашы жана жынысы боюнча</translation>
    </message>
    <message>
        <source>Participants by phase and sex</source>
        <translation>Катышуучулар этап жана жыныс боюнча</translation>
    </message>
    <message>
        <source>Local plans by status, budgets by source (som)</source>
        <translation>Жергиликтүү пландар абалы боюнча, бюджет булактары боюнча (сом)</translation>
    </message>
    <message>
        <source>Plans</source>
        <translation>Пландар</translation>
    </message>
    <message>
        <source>Local budget</source>
        <translation>Жергиликтүү бюджет</translation>
    </message>
    <message>
        <source>Other sources</source>
        <translation>Башка булактар</translation>
    </message>
    <message>
        <source>Total</source>
        <comment>column</comment>
        <translation>Бардыгы</translation>
    </message>
    <message>
        <source>Trainings left out: nobody was marked present</source>
        <translation>Эсепке алынбаган тренингдер: эч ким катышты деп белгиленген эмес</translation>
    </message>
    <message>
        <source>Trainings by phase</source>
        <translation>Тренингдер этап боюнча</translation>
    </message>
    <message>
        <source>Completed</source>
        <translation>Аяктагандар</translation>
    </message>
    <message>
        <source>By community</source>
        <translation>Жамааттар боюнча</translation>
    </message>
    <message>
        <source>Co-funding (local budget and other sources): {share} of the planned budget.</source>
        <translation>Кошо каржылоо (жергиликтүү бюджет жана башка булактар): пландалган бюджеттин {share}.</translation>
    </message>
    <message>
        <source>{title}, {community}, from {date} ({n} sessions)</source>
        <translation>{title}, {community}, {date} баштап ({n} сабак)</translation>
    </message>
    <message>
        <source>Definitions</source>
        <translation>Аныктамалар</translation>
    </message>
    <message>
        <source>Under 18</source>
        <translation>18 жашка чейин</translation>
    </message>
    <message>
        <source>60 and over</source>
        <translation>60 жана андан улуу</translation>
    </message>
    <message>
        <source>Not recorded</source>
        <translation>Көрсөтүлгөн эмес</translation>
    </message>
    <message>
        <source>F</source>
        <translation>А</translation>
    </message>
    <message>
        <source>M</source>
        <translation>Э</translation>
    </message>
</context>
<context>
    <name>printing</name>
    <message>
        <source>Certificates</source>
        <translation>Сертификаттар</translation>
    </message>
    <message>
        <source>Preparing the certificates…</source>
        <translation>Сертификаттар даярдалууда…</translation>
    </message>
    <message>
        <source>Attendance sheet</source>
        <translation>Катышуу баракчасы</translation>
    </message>
    <message>
        <source>Preparing the attendance sheet…</source>
        <translation>Катышуу баракчасы даярдалууда…</translation>
    </message>
    <message>
        <source>Preparing the plan…</source>
        <translation>План даярдалууда…</translation>
    </message>
    <message>
        <source>Donor summary</source>
        <translation>Донор үчүн жыйынтык</translation>
    </message>
    <message>
        <source>Preparing the donor summary…</source>
        <translation>Донор үчүн жыйынтык даярдалууда…</translation>
    </message>
</context>
<context>
    <name>strive</name>
    <message>
        <source>{url} is not a PostgreSQL database address. Write it as postgresql+psycopg://user:password@server:5432/database.</source>
        <translation>{url} — PostgreSQL маалымат базасынын дареги эмес. Мындай жазыңыз: postgresql+psycopg://колдонуучу:сырсөз@сервер:5432/база.</translation>
    </message>
    <message>
        <source>The settings file {path} is damaged: correct or remove it.</source>
        <translation>{path} жөндөөлөр файлы бузулган: аны оңдоңуз же өчүрүңүз.</translation>
    </message>
    <message>
        <source>The database {name} sorts text by the rules of {collation}; STRIVE Desktop needs the &quot;C&quot; order. Create it with: CREATE DATABASE ... TEMPLATE template0 ENCODING &apos;UTF8&apos; LC_COLLATE &apos;C&apos; LC_CTYPE &apos;C&apos; (docs/postgresql.md).</source>
        <translation>{name} маалымат базасы текстти {collation} эрежелери боюнча иреттейт; STRIVE Desktop үчүн &quot;C&quot; тартиби керек. Аны мындай түзүңүз: CREATE DATABASE ... TEMPLATE template0 ENCODING &apos;UTF8&apos; LC_COLLATE &apos;C&apos; LC_CTYPE &apos;C&apos; (docs/postgresql.md).</translation>
    </message>
    <message>
        <source>The database server cannot be reached ({reason}). Check the network and the server; nothing that was saved before was lost.</source>
        <translation>Маалымат базасынын серверине туташуу мүмкүн эмес ({reason}). Тармакты жана серверди текшериңиз; мурда сакталган эч нерсе жоголгон жок.</translation>
    </message>
    <message>
        <source>The database server refused the login: check the user and password in the database address.</source>
        <translation>Маалымат базасынын сервери кирүүгө уруксат берген жок: базанын дарегиндеги колдонуучу менен сырсөздү текшериңиз.</translation>
    </message>
    <message>
        <source>The database server&apos;s disk is full. Nothing that was saved before was lost.</source>
        <translation>Маалымат базасынын серверинин диски толуп калды. Мурда сакталган эч нерсе жоголгон жок.</translation>
    </message>
    <message>
        <source>The settings file {path} cannot be read: {reason}</source>
        <translation>{path} жөндөөлөр файлын окуу мүмкүн эмес: {reason}</translation>
    </message>
    <message>
        <source>The settings file {path} cannot be written: {reason}</source>
        <translation>{path} жөндөөлөр файлына жазуу мүмкүн эмес: {reason}</translation>
    </message>
    <message>
        <source>This data folder already keeps its database on a server.</source>
        <translation>Бул маалымат папкасы маалымат базасын буга чейин эле серверде сактайт.</translation>
    </message>
    <message>
        <source>The database {url} holds another version of the STRIVE schema ({version}); give an empty database.</source>
        <translation>{url} маалымат базасында STRIVE схемасынын башка версиясы ({version}) бар; бош маалымат базасын бериңиз.</translation>
    </message>
    <message>
        <source>The database {url} already holds data; give an empty database.</source>
        <translation>{url} маалымат базасында буга чейин маалыматтар бар; бош маалымат базасын бериңиз.</translation>
    </message>
    <message>
        <source>There is no database in {path}.</source>
        <translation>{path} ичинде маалымат базасы жок.</translation>
    </message>
    <message>
        <source>STRIVE Desktop is running with this data folder; close it before restoring.</source>
        <translation>STRIVE Desktop бул маалыматтар папкасы менен иштеп жатат; калыбына келтирүүдөн мурун аны жабыңыз.</translation>
    </message>
    <message>
        <source>{path} is a backup of another installation; restoring it would give this data folder another identity. Restore it into a new, empty data folder, or add --other-installation to replace this installation with it.</source>
        <translation>{path} — башка орнотуунун камдык көчүрмөсү; аны калыбына келтирсеңиз, бул маалымат папкасы башка орнотууга айланып калат. Аны жаңы, бош маалымат папкасына калыбына келтириңиз же бул орнотууну аны менен алмаштыруу үчүн --other-installation кошуңуз.</translation>
    </message>
    <message>
        <source>The two passwords are not the same.</source>
        <translation>Эки сырсөз бирдей эмес.</translation>
    </message>
    <message>
        <source>Certificate {serial} is genuine: {name}, &quot;{training}&quot;, {community}, {period}, issued on {date}.</source>
        <translation>{serial} сертификаты чыныгы: {name}, «{training}», {community}, {period}, {date} берилген.</translation>
    </message>
    <message>
        <source>Say where to write the certificates: --out FILE.pdf and/or --per-person DIR.</source>
        <translation>Сертификаттарды кайда жазууну көрсөтүңүз: --out ФАЙЛ.pdf жана/же --per-person ПАПКА.</translation>
    </message>
    <message>
        <source>--blank-rows must be between 0 and 200.</source>
        <translation>--blank-rows 0дөн 200гө чейин болушу керек.</translation>
    </message>
    <message>
        <source>Write --map as COLUMN=FIELD, e.g. --map &quot;ФИО=full_name&quot;.</source>
        <translation>--map параметрин МАМЫЧА=ТАЛАА түрүндө жазыңыз, мисалы --map &quot;ФИО=full_name&quot;.</translation>
    </message>
    <message>
        <source>The two passphrases differ.</source>
        <translation>Эки сырсөз дал келбейт.</translation>
    </message>
    <message>
        <source>Name the package files to import, or --inbox FOLDER.</source>
        <translation>Жүктөлүүчү пакет файлдарын же --inbox ПАПКА көрсөтүңүз.</translation>
    </message>
    <message>
        <source>Give the new password in the STRIVE_NEW_PASSWORD variable, or run the command in a terminal to type it.</source>
        <translation>Жаңы сырсөздү STRIVE_NEW_PASSWORD өзгөрмөсүндө бериңиз же аны терүү үчүн буйрукту терминалда иштетиңиз.</translation>
    </message>
    <message>
        <source>Female</source>
        <translation>Аял</translation>
    </message>
    <message>
        <source>Male</source>
        <translation>Эркек</translation>
    </message>
    <message>
        <source>Youth</source>
        <translation>Жаштар</translation>
    </message>
    <message>
        <source>Women</source>
        <translation>Аялдар</translation>
    </message>
    <message>
        <source>Religious leader</source>
        <translation>Диний лидер</translation>
    </message>
    <message>
        <source>Law enforcement</source>
        <translation>Укук коргоо органдары</translation>
    </message>
    <message>
        <source>Local self-government</source>
        <translation>Жергиликтүү өз алдынча башкаруу</translation>
    </message>
    <message>
        <source>Aksakal court</source>
        <translation>Аксакалдар соту</translation>
    </message>
    <message>
        <source>Social worker</source>
        <translation>Социалдык кызматкер</translation>
    </message>
    <message>
        <source>Lawyer</source>
        <translation>Юрист</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>Башка</translation>
    </message>
    <message>
        <source>Basics of violent extremism</source>
        <translation>Зордук-зомбулук экстремизминин негиздери</translation>
    </message>
    <message>
        <source>Conflict analysis</source>
        <translation>Жаңжалдарды талдоо</translation>
    </message>
    <message>
        <source>Roles and powers of LSG</source>
        <translation>ЖӨБ органдарынын ролу жана ыйгарым укуктары</translation>
    </message>
    <message>
        <source>Local plan development</source>
        <translation>Жергиликтүү планды иштеп чыгуу</translation>
    </message>
    <message>
        <source>Draft</source>
        <translation>Долбоор</translation>
    </message>
    <message>
        <source>Submitted</source>
        <translation>Жөнөтүлгөн</translation>
    </message>
    <message>
        <source>Approved</source>
        <translation>Бекитилген</translation>
    </message>
    <message>
        <source>Planned</source>
        <translation>Пландалган</translation>
    </message>
    <message>
        <source>In progress</source>
        <translation>Аткарылууда</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Аткарылды</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>Жокко чыгарылды</translation>
    </message>
    <message>
        <source>City</source>
        <translation>Шаар</translation>
    </message>
    <message>
        <source>Town</source>
        <translation>Шаарча</translation>
    </message>
    <message>
        <source>Aiyl okmotu</source>
        <translation>Айыл өкмөтү</translation>
    </message>
    <message>
        <source>Chair</source>
        <translation>Төрага</translation>
    </message>
    <message>
        <source>Secretary</source>
        <translation>Катчы</translation>
    </message>
    <message>
        <source>Member</source>
        <translation>Мүчө</translation>
    </message>
    <message>
        <source>Trainer</source>
        <translation>Тренер</translation>
    </message>
    <message>
        <source>Staff</source>
        <translation>Кызматкер</translation>
    </message>
    <message>
        <source>Office administrator</source>
        <translation>Кеңсенин администратору</translation>
    </message>
    <message>
        <source>Headquarters administrator</source>
        <translation>Башкы кеңсенин администратору</translation>
    </message>
    <message>
        <source>Your role may not record attendance.</source>
        <translation>Сиздин ролуңуз катышууну белгилөөгө уруксат бербейт.</translation>
    </message>
    <message>
        <source>Your role may not print.</source>
        <translation>Сиздин ролуңуз басып чыгарууга уруксат бербейт.</translation>
    </message>
    <message>
        <source>Only staff and administrators may change rosters.</source>
        <translation>Тизмелерди кызматкерлер жана администраторлор гана өзгөртө алат.</translation>
    </message>
    <message>
        <source>Only staff and administrators may change plans.</source>
        <translation>Пландарды кызматкерлер жана администраторлор гана өзгөртө алат.</translation>
    </message>
    <message>
        <source>Only a headquarters administrator may approve a plan.</source>
        <translation>Планды башкы кеңсенин администратору гана беките алат.</translation>
    </message>
    <message>
        <source>Only staff and administrators may send or receive packages.</source>
        <translation>Пакеттерди кызматкерлер жана администраторлор гана жөнөтүп, ала алат.</translation>
    </message>
    <message>
        <source>Only an administrator may manage users.</source>
        <translation>Колдонуучуларды администратор гана башкара алат.</translation>
    </message>
    <message>
        <source>Only an administrator may manage keys.</source>
        <translation>Ачкычтарды администратор гана башкара алат.</translation>
    </message>
    <message>
        <source>Only staff and administrators may make backups.</source>
        <translation>Камдык көчүрмөлөрдү кызматкерлер жана администраторлор гана түзө алат.</translation>
    </message>
    <message>
        <source>Only an administrator may restore a backup.</source>
        <translation>Камдык көчүрмөдөн администратор гана калыбына келтире алат.</translation>
    </message>
    <message>
        <source>Only an administrator may change the settings.</source>
        <translation>Жөндөөлөрдү администратор гана өзгөртө алат.</translation>
    </message>
    <message>
        <source>A plan cannot go from {old} to {new}.</source>
        <translation>Планды «{old}» абалынан «{new}» абалына өткөрүүгө болбойт.</translation>
    </message>
    <message>
        <source>This plan is approved; its status can no longer change.</source>
        <translation>Бул план бекитилген; анын абалы мындан ары өзгөрбөйт.</translation>
    </message>
    <message>
        <source>Enter the amount in som as a whole number, e.g. 12 500.</source>
        <translation>Сумманы сом менен бүтүн сан кылып жазыңыз, мисалы, 12 500.</translation>
    </message>
    <message>
        <source>A phone number may contain only digits, spaces, dashes and a leading +.</source>
        <translation>Телефон номеринде сандар, боштуктар, сызыкчалар жана башында + гана болушу мүмкүн.</translation>
    </message>
    <message>
        <source>Enter a phone number of Kyrgyzstan (0555 12 34 56, +996 555 12 34 56) or of a neighbouring country (+7, +998, +992, +86).</source>
        <translation>Кыргызстандын (0555 12 34 56, +996 555 12 34 56) же коңшу өлкөнүн (+7, +998, +992, +86) телефон номерин жазыңыз.</translation>
    </message>
    <message>
        <source>The personal number (PIN) must have exactly 14 digits.</source>
        <translation>Жеке номер (ПИН) так 14 сандан турушу керек.</translation>
    </message>
    <message>
        <source>The personal number (PIN) must start with 1 or 2.</source>
        <translation>Жеке номер (ПИН) 1 же 2 менен башталышы керек.</translation>
    </message>
    <message>
        <source>Birth year must be between {low} and {high}.</source>
        <translation>Туулган жылы {low} менен {high} ортосунда болушу керек.</translation>
    </message>
    <message>
        <source>{what} is required.</source>
        <translation>«{what}» милдеттүү.</translation>
    </message>
    <message>
        <source>The end date cannot be before the start date.</source>
        <translation>Аяктоо күнү башталыш күнүнөн мурун боло албайт.</translation>
    </message>
    <message>
        <source>A budget cannot be negative.</source>
        <translation>Бюджет терс сан боло албайт.</translation>
    </message>
    <message>
        <source>This budget is too large.</source>
        <translation>Бул бюджет өтө чоң.</translation>
    </message>
    <message>
        <source>“{amount}” is not a whole number of som. Budgets are in whole som, without tyiyn, e.g. 12 500.</source>
        <translation>«{amount}» — бүтүн сом эмес. Бюджет тыйынсыз, бүтүн сом менен жазылат, мисалы, 12 500.</translation>
    </message>
    <message>
        <source>Digits 2-9 of the personal number (PIN) must be a birth date (DDMMYYYY).</source>
        <translation>Жеке номердин (ПИН) 2–9-сандары туулган күн болушу керек (ККААЖЖЖЖ).</translation>
    </message>
    <message>
        <source>{what} is too long (at most {n} characters).</source>
        <translation>«{what}» өтө узун (эң көп {n} белги).</translation>
    </message>
    <message>
        <source>Choose a community.</source>
        <translation>Жамаатты тандаңыз.</translation>
    </message>
    <message>
        <source>the disk is full</source>
        <translation>диск толуп калды</translation>
    </message>
    <message>
        <source>the disk or folder is read-only</source>
        <translation>диск же папка окуу үчүн гана</translation>
    </message>
    <message>
        <source>you have no permission to write there</source>
        <translation>ал жерге жазууга уруксатыңыз жок</translation>
    </message>
    <message>
        <source>the file or folder does not exist</source>
        <translation>файл же папка жок</translation>
    </message>
    <message>
        <source>the disk could not be read or written (is the USB stick still in?)</source>
        <translation>дискти окуу же жазуу мүмкүн болгон жок (USB-флешка дагы эле сайылганбы?)</translation>
    </message>
    <message>
        <source>Printing was cancelled; no file was written.</source>
        <translation>Басып чыгаруу токтотулду; файл жазылган жок.</translation>
    </message>
    <message>
        <source>The folder {path} cannot be created: {reason}</source>
        <translation>{path} папкасын түзүү мүмкүн эмес: {reason}</translation>
    </message>
    <message>
        <source>The PDF could not be written to {path}: {reason}</source>
        <translation>PDF {path} жерине жазылган жок: {reason}</translation>
    </message>
    <message>
        <source>Unknown certificate language {lang}: use ky, ru, en or bilingual.</source>
        <translation>Сертификаттын тили белгисиз {lang}: ky, ru, en же bilingual колдонуңуз.</translation>
    </message>
    <message>
        <source>Nobody completed this training under the current rule, so there is no certificate to print.</source>
        <translation>Учурдагы эреже боюнча бул тренингди эч ким аяктаган жок, ошондуктан басыла турган сертификат жок.</translation>
    </message>
    <message>
        <source>The font file {name} is missing from the installation; reinstall STRIVE Desktop.</source>
        <translation>Орнотууда {name} шрифт файлы жок; STRIVE Desktopту кайра орнотуңуз.</translation>
    </message>
    <message>
        <source>The account {name} has been deactivated.</source>
        <translation>{name} каттоо эсеби өчүрүлгөн.</translation>
    </message>
    <message>
        <source>Enter a name.</source>
        <translation>Атын жазыңыз.</translation>
    </message>
    <message>
        <source>There is no account {name}.</source>
        <translation>{name} деген каттоо эсеби жок.</translation>
    </message>
    <message>
        <source>Log in first.</source>
        <translation>Адегенде кириңиз.</translation>
    </message>
    <message>
        <source>This installation already has accounts; an administrator adds new ones.</source>
        <translation>Бул орнотууда каттоо эсептери бар; жаңыларын администратор кошот.</translation>
    </message>
    <message>
        <source>There is no account {name} on this computer.</source>
        <translation>Бул компьютерде {name} деген каттоо эсеби жок.</translation>
    </message>
    <message>
        <source>The name is too long.</source>
        <translation>Аты өтө узун.</translation>
    </message>
    <message>
        <source>The account {name} has been deactivated; add it again to give it a password.</source>
        <translation>{name} каттоо эсеби өчүрүлгөн; сырсөз берүү үчүн аны кайра кошуңуз.</translation>
    </message>
    <message>
        <source>{name} is the last administrator; make another account an administrator first.</source>
        <translation>{name} — акыркы администратор; адегенде башка каттоо эсебин администратор кылыңыз.</translation>
    </message>
    <message>
        <source>{name} is the last administrator and cannot be deactivated.</source>
        <translation>{name} — акыркы администратор, аны өчүрүүгө болбойт.</translation>
    </message>
    <message>
        <source>This role does not exist at this installation.</source>
        <translation>Бул орнотууда мындай рол жок.</translation>
    </message>
    <message>
        <source>Choose between {low} and {high} minutes.</source>
        <translation>{low} мүнөттөн {high} мүнөткө чейин тандаңыз.</translation>
    </message>
    <message>
        <source>Choose a role.</source>
        <translation>Ролду тандаңыз.</translation>
    </message>
    <message>
        <source>There is already an account {name}.</source>
        <translation>{name} деген каттоо эсеби бар.</translation>
    </message>
    <message>
        <source>{name} is {size} MB; attachments can be at most 20 MB. Scan at a lower resolution or save the photo smaller.</source>
        <translation>{name} көлөмү {size} МБ; тиркеме эң көп 20 МБ болот. Азыраак чечилиште скандаңыз же сүрөттү кичирээк сактаңыз.</translation>
    </message>
    <message>
        <source>The file {name} is empty.</source>
        <translation>{name} файлы бош.</translation>
    </message>
    <message>
        <source>{name} is not a photo or a PDF. Attach a scan or photo of the sheet (JPEG, PNG, TIFF) or a PDF.</source>
        <translation>{name} сүрөт да, PDF да эмес. Баракчанын сканын же сүрөтүн (JPEG, PNG, TIFF) же PDF тиркеңиз.</translation>
    </message>
    <message>
        <source>This file is already attached (as {name}).</source>
        <translation>Бул файл мурда эле тиркелген ({name} катары).</translation>
    </message>
    <message>
        <source>The file {name} is not in this data folder&apos;s attachments (it may have been attached at another office).</source>
        <translation>{name} файлы бул маалыматтар папкасынын тиркемелеринде жок (аны башка кеңседе тиркешкен болушу мүмкүн).</translation>
    </message>
    <message>
        <source>{name} is not a file.</source>
        <translation>{name} файл эмес.</translation>
    </message>
    <message>
        <source>The file {name} was not found.</source>
        <translation>{name} файлы табылган жок.</translation>
    </message>
    <message>
        <source>The file {name} cannot be read: {reason}</source>
        <translation>{name} файлын окуу мүмкүн эмес: {reason}</translation>
    </message>
    <message>
        <source>The file could not be copied into the data folder: {reason}</source>
        <translation>Файлды маалыматтар папкасына көчүрүү мүмкүн болгон жок: {reason}</translation>
    </message>
    <message>
        <source>The record was not found; it may have been deleted.</source>
        <translation>Жазуу табылган жок; ал өчүрүлгөн болушу мүмкүн.</translation>
    </message>
    <message>
        <source>The training was not found; it may have been deleted.</source>
        <translation>Тренинг табылган жок; ал өчүрүлгөн болушу мүмкүн.</translation>
    </message>
    <message>
        <source>The plan was not found; it may have been deleted.</source>
        <translation>План табылган жок; ал өчүрүлгөн болушу мүмкүн.</translation>
    </message>
    <message>
        <source>The backup file is cut short or damaged.</source>
        <translation>Камдык көчүрмө файлы толук эмес же бузулган.</translation>
    </message>
    <message>
        <source>The database inside the backup is damaged.</source>
        <translation>Камдык көчүрмөдөгү маалымат базасы бузулган.</translation>
    </message>
    <message>
        <source>The backup {path} cannot be read: {reason}</source>
        <translation>{path} камдык көчүрмөсүн окуу мүмкүн эмес: {reason}</translation>
    </message>
    <message>
        <source>The database inside the backup cannot be opened.</source>
        <translation>Камдык көчүрмөдөгү маалымат базасын ачуу мүмкүн эмес.</translation>
    </message>
    <message>
        <source>The backup file is damaged: it was changed after it was written.</source>
        <translation>Камдык көчүрмө файлы бузулган: ал жазылгандан кийин өзгөртүлгөн.</translation>
    </message>
    <message>
        <source>There is no certificate {serial} in the register.</source>
        <translation>Реестрде {serial} сертификаты жок.</translation>
    </message>
    <message>
        <source>The verification code does not match certificate {serial}: the copy is not genuine.</source>
        <translation>Текшерүү коду {serial} сертификатына дал келбейт: көчүрмө чыныгы эмес.</translation>
    </message>
    <message>
        <source>Certificate {serial} was revoked: {reason}</source>
        <translation>{serial} сертификаты жокко чыгарылган: {reason}</translation>
    </message>
    <message>
        <source>Say why the certificate is revoked; the reason is kept in the register.</source>
        <translation>Сертификат эмне үчүн жокко чыгарылганын жазыңыз; себеби реестрде сакталат.</translation>
    </message>
    <message>
        <source>A logo must be a PNG or JPEG image.</source>
        <translation>Логотип PNG же JPEG сүрөтү болушу керек.</translation>
    </message>
    <message>
        <source>This data folder is not set up yet. Run &apos;init&apos; or start the app to set it up.</source>
        <translation>Бул маалыматтар папкасы азырынча жөндөлө элек. Жөндөө үчүн &apos;init&apos; буйругун аткарыңыз же программаны ачыңыз.</translation>
    </message>
    <message>
        <source>Certificate {serial} is already revoked.</source>
        <translation>{serial} сертификаты мурда эле жокко чыгарылган.</translation>
    </message>
    <message>
        <source>Keep names and titles on certificates under 200 characters.</source>
        <translation>Сертификаттагы аттар жана кызматтар 200 белгиден кыска болушу керек.</translation>
    </message>
    <message>
        <source>{path} is not an image that can be printed.</source>
        <translation>{path} басып чыгарууга боло турган сүрөт эмес.</translation>
    </message>
    <message>
        <source>The logo could not be copied: {reason}</source>
        <translation>Логотипти көчүрүү мүмкүн болгон жок: {reason}</translation>
    </message>
    <message>
        <source>No certificate for {name}: {reason}</source>
        <translation>{name} үчүн сертификат жок: {reason}</translation>
    </message>
    <message>
        <source>That person is not on the attendance sheet of this training.</source>
        <translation>Бул адам тренингдин катышуу баракчасында жок.</translation>
    </message>
    <message>
        <source>Attended {attended} of {total} hours ({rate}); the rule asks for {need} hours ({share}).</source>
        <translation>{total} сааттын {attended} саатына катышты ({rate}); эреже боюнча {need} саат ({share}) керек.</translation>
    </message>
    <message>
        <source>This data folder already holds people or groups; demo data can only be added to an empty data folder.</source>
        <translation>Бул маалыматтар папкасында адамдар же топтор бар; демо-маалыматтарды бош папкага гана кошууга болот.</translation>
    </message>
    <message>
        <source>{name} could be any of these communities: {choices}. Give its code.</source>
        <translation>{name} бир нече жамаатка туура келет: {choices}. Анын кодун жазыңыз.</translation>
    </message>
    <message>
        <source>There is no community called {name}.</source>
        <translation>{name} деген жамаат жок.</translation>
    </message>
    <message>
        <source>Only the headquarters installation can add communities.</source>
        <translation>Жамааттарды башкы кеңсенин орнотуусу гана кошо алат.</translation>
    </message>
    <message>
        <source>A community needs a code and an English name.</source>
        <translation>Жамаатка код жана англисче аталыш керек.</translation>
    </message>
    <message>
        <source>A community is a city, a town or an aiyl okmotu.</source>
        <translation>Жамаат — бул шаар, шаарча же айыл өкмөтү.</translation>
    </message>
    <message>
        <source>The installation needs a name, e.g. &apos;Kochkor office&apos;.</source>
        <translation>Орнотууга аталыш керек, мисалы, «Кочкор кеңсеси».</translation>
    </message>
    <message>
        <source>Choose either a community or headquarters.</source>
        <translation>Же жамаатты, же башкы кеңсени тандаңыз.</translation>
    </message>
    <message>
        <source>That community no longer exists.</source>
        <translation>Ал жамаат мындан ары жок.</translation>
    </message>
    <message>
        <source>A community with the code {code} already exists.</source>
        <translation>{code} коду менен жамаат мурда эле бар.</translation>
    </message>
    <message>
        <source>This data folder is already set up as an installation.</source>
        <translation>Бул маалыматтар папкасы мурда эле орнотуу катары жөндөлгөн.</translation>
    </message>
    <message>
        <source>There is no database in {path} to back up.</source>
        <translation>{path} ичинде камдык көчүрмө түзө турган маалымат базасы жок.</translation>
    </message>
    <message>
        <source>{path} is the database in use; write the backup to another file.</source>
        <translation>{path} — колдонулуп жаткан маалымат базасы; камдык көчүрмөнү башка файлга жазыңыз.</translation>
    </message>
    <message>
        <source>The file {path} does not exist.</source>
        <translation>{path} файлы жок.</translation>
    </message>
    <message>
        <source>{path} is the database in use; choose a backup file.</source>
        <translation>{path} — колдонулуп жаткан маалымат базасы; камдык көчүрмө файлын тандаңыз.</translation>
    </message>
    <message>
        <source>{path} is not a STRIVE Desktop backup.</source>
        <translation>{path} STRIVE Desktop камдык көчүрмөсү эмес.</translation>
    </message>
    <message>
        <source>{path} was made by a newer version of STRIVE Desktop; install it first.</source>
        <translation>{path} STRIVE Desktopтун жаңыраак версиясы менен жасалган; адегенде аны орнотуңуз.</translation>
    </message>
    <message>
        <source>{path} is a backup of another installation; restoring it would give this data folder another identity. Restore it into a new, empty data folder instead.</source>
        <translation>{path} — башка орнотуунун камдык көчүрмөсү; аны калыбына келтирсеңиз, бул маалымат папкасы башка орнотууга айланып калат. Аны жаңы, бош маалымат папкасына калыбына келтириңиз.</translation>
    </message>
    <message>
        <source>{path} is damaged and cannot be restored.</source>
        <translation>{path} бузулган жана калыбына келтирилбейт.</translation>
    </message>
    <message>
        <source>The backup could not be restored: {reason}</source>
        <translation>Камдык көчүрмөнү калыбына келтирүү мүмкүн болгон жок: {reason}</translation>
    </message>
    <message>
        <source>The plan title</source>
        <translation>Пландын аталышы</translation>
    </message>
    <message>
        <source>Activity {n} needs a title.</source>
        <translation>{n}-иш-чарага аталыш керек.</translation>
    </message>
    <message>
        <source>Unknown activity status.</source>
        <translation>Иш-чаранын абалы белгисиз.</translation>
    </message>
    <message>
        <source>Only a draft can be edited. Send the plan back to draft first.</source>
        <translation>Долбоорду гана оңдоого болот. Адегенде планды долбоорго кайтарыңыз.</translation>
    </message>
    <message>
        <source>Only a draft plan can be deleted.</source>
        <translation>Пландын долбоорун гана өчүрүүгө болот.</translation>
    </message>
    <message>
        <source>Revision {n} does not exist.</source>
        <translation>{n}-редакция жок.</translation>
    </message>
    <message>
        <source>Unknown plan status.</source>
        <translation>Пландын абалы белгисиз.</translation>
    </message>
    <message>
        <source>Write the objectives before submitting the plan.</source>
        <translation>Планды жөнөтүүдөн мурун максаттарды жазыңыз.</translation>
    </message>
    <message>
        <source>Add at least one activity before submitting the plan.</source>
        <translation>Планды жөнөтүүдөн мурун жок дегенде бир иш-чара кошуңуз.</translation>
    </message>
    <message>
        <source>The period starts after it ends.</source>
        <translation>Мезгил аяктагандан кийин башталат.</translation>
    </message>
    <message>
        <source>The group name</source>
        <translation>Топтун аталышы</translation>
    </message>
    <message>
        <source>The full name</source>
        <translation>Аты-жөнү</translation>
    </message>
    <message>
        <source>Enter the surname and the given name.</source>
        <translation>Фамилиясын жана атын жазыңыз.</translation>
    </message>
    <message>
        <source>Choose female or male.</source>
        <translation>Аял же эркек экенин тандаңыз.</translation>
    </message>
    <message>
        <source>Choose a sector.</source>
        <translation>Секторду тандаңыз.</translation>
    </message>
    <message>
        <source>The personal number (PIN) says the person was born in {year}.</source>
        <translation>Жеке номер (ПИН) боюнча бул адам {year}-жылы туулган.</translation>
    </message>
    <message>
        <source>The personal number (PIN) does not match the sex chosen.</source>
        <translation>Жеке номер (ПИН) тандалган жынышка дал келбейт.</translation>
    </message>
    <message>
        <source>The consent date cannot be in the future.</source>
        <translation>Макулдук берилген күн келечекте боло албайт.</translation>
    </message>
    <message>
        <source>Unknown role.</source>
        <translation>Белгисиз роль.</translation>
    </message>
    <message>
        <source>That person no longer exists.</source>
        <translation>Ал адам базада мындан ары жок.</translation>
    </message>
    <message>
        <source>This person is already a member of the group.</source>
        <translation>Бул адам мурда эле топтун мүчөсү.</translation>
    </message>
    <message>
        <source>The person is already in that group.</source>
        <translation>Бул адам ошол топто мурда эле бар.</translation>
    </message>
    <message>
        <source>The move date cannot be before the person joined the group ({date}).</source>
        <translation>Которуу күнү адам топко кошулган күндөн ({date}) эрте боло албайт.</translation>
    </message>
    <message>
        <source>No column of names was found in {name}. The first row should hold column headers such as &quot;Full name&quot; / &quot;ФИО&quot; / &quot;Аты-жөнү&quot;.</source>
        <translation>{name} файлынан аты-жөнү мамычасы табылган жок. Биринчи сапта &quot;Full name&quot; / &quot;ФИО&quot; / &quot;Аты-жөнү&quot; сыяктуу баш аттар болушу керек.</translation>
    </message>
    <message>
        <source>No session columns were found in {name}: give each session a column headed with its date or number.</source>
        <translation>{name} файлынан сабактардын мамычалары табылган жок: ар бир сабактын мамычасынын башына датасын же номерин жазыңыз.</translation>
    </message>
    <message>
        <source>Several people called {name} are stored; mark this one in the window.</source>
        <translation>Базада {name} деген бир нече адам бар; бул адамды программанын терезесинде белгилеңиз.</translation>
    </message>
    <message>
        <source>{name} is not stored; add the person first.</source>
        <translation>{name} базада жок; адегенде бул адамды кошуңуз.</translation>
    </message>
    <message>
        <source>Not recorded</source>
        <translation>Көрсөтүлгөн эмес</translation>
    </message>
    <message>
        <source>Participant</source>
        <translation>Катышуучу</translation>
    </message>
    <message>
        <source>A person marked present at one or more sessions dated in the period. Counted once in each total, and once in each phase, sector, community or year.</source>
        <translation>Мезгил ичинде жок дегенде бир сабакка катышты деп белгиленген адам. Ар бир жыйынтыкта бир жолу, ар бир этапта, секторда, жамаатта же жылда бир жолудан эсептелет.</translation>
    </message>
    <message>
        <source>Age</source>
        <translation>Жашы</translation>
    </message>
    <message>
        <source>The age reached in the year of the first session the person attended in the period (only the birth year is recorded).</source>
        <translation>Мезгил ичинде катышкан биринчи сабактын жылындагы жашы (туулган жылы гана жазылат).</translation>
    </message>
    <message>
        <source>Training, session</source>
        <translation>Тренинг, сабак</translation>
    </message>
    <message>
        <source>Counted when at least one participant was marked present; a training with nobody present is left out.</source>
        <translation>Жок дегенде бир катышуучу белгиленсе эсептелет; эч ким катышпаган тренинг эсептелбейт.</translation>
    </message>
    <message>
        <source>Completed</source>
        <translation>Аяктагандар</translation>
    </message>
    <message>
        <source>Attended at least the share of a training&apos;s hours set in Settings, for at least one training held in the period.</source>
        <translation>Мезгил ичиндеги жок дегенде бир тренингдин жөндөөлөрдө белгиленген сааттар үлүшүнө катышкандар.</translation>
    </message>
    <message>
        <source>Year</source>
        <translation>Жыл</translation>
    </message>
    <message>
        <source>The year of the first session the person attended in the period.</source>
        <translation>Мезгил ичинде катышкан биринчи сабактын жылы.</translation>
    </message>
    <message>
        <source>Checking a number</source>
        <translation>Санды кантип текшерүү керек</translation>
    </message>
    <message>
        <source>Each breakdown sheet names the column of the Participants sheet to filter on; the rows left after the filter are the people counted.</source>
        <translation>Ар бир бөлүштүрүү барагында «Катышуучулар» барагынын чыпкалоо үчүн мамычасы көрсөтүлгөн; чыпкадан кийин калган саптар — эсептелген адамдар.</translation>
    </message>
    <message>
        <source>The database is busy (another program is using it). Try again in a moment.</source>
        <translation>Маалымат базасы бош эмес (аны башка программа колдонуп жатат). Бир аздан кийин кайра аракет кылыңыз.</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>Бардыгы</translation>
    </message>
    <message>
        <source>No STRIVE data folder at {path}. Check --data-dir, or set the folder up first (&apos;init&apos; or the app).</source>
        <translation>{path} жеринде STRIVE маалыматтар папкасы жок. --data-dir текшериңиз же адегенде папканы орнотуңуз (&apos;init&apos; же программа аркылуу).</translation>
    </message>
    <message>
        <source>table {name} is missing</source>
        <translation>{name} таблицасы жок</translation>
    </message>
    <message>
        <source>schema version {version} is not one this version knows ({head})</source>
        <translation>{version} схема версиясы программанын бул версиясына белгисиз ({head})</translation>
    </message>
    <message>
        <source>foreign key: {table} row {rowid} refers to a missing {parent}</source>
        <translation>тышкы ачкыч: {table} таблицасынын {rowid} сабы жок {parent} жазуусуна шилтейт</translation>
    </message>
    <message>
        <source>the database could not be read: {detail}</source>
        <translation>маалымат базасын окуу мүмкүн болгон жок: {detail}</translation>
    </message>
    <message>
        <source>integrity: {detail}</source>
        <translation>бүтүндүк: {detail}</translation>
    </message>
    <message>
        <source>Men</source>
        <translation>Эркектер</translation>
    </message>
    <message>
        <source>Check in the Participants sheet</source>
        <translation>«Катышуучулар» барагында текшерүү</translation>
    </message>
    <message>
        <source>Sex and age</source>
        <translation>Жынысы жана жашы</translation>
    </message>
    <message>
        <source>Age band</source>
        <translation>Жаш тобу</translation>
    </message>
    <message>
        <source>Sex and sector</source>
        <translation>Жынысы жана сектор</translation>
    </message>
    <message>
        <source>Sex and phase</source>
        <translation>Жынысы жана этап</translation>
    </message>
    <message>
        <source>Sex and community</source>
        <translation>Жынысы жана жамаат</translation>
    </message>
    <message>
        <source>Sex and year</source>
        <translation>Жынысы жана жыл</translation>
    </message>
    <message>
        <source>All dates</source>
        <translation>Бардык мезгил</translation>
    </message>
    <message>
        <source>All communities</source>
        <translation>Бардык жамааттар</translation>
    </message>
    <message>
        <source>Key figures</source>
        <translation>Негизги көрсөткүчтөр</translation>
    </message>
    <message>
        <source>Definitions</source>
        <translation>Аныктамалар</translation>
    </message>
    <message>
        <source>Participants</source>
        <translation>Катышуучулар</translation>
    </message>
    <message>
        <source>Figure</source>
        <translation>Көрсөткүч</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Мааниси</translation>
    </message>
    <message>
        <source>Term</source>
        <translation>Термин</translation>
    </message>
    <message>
        <source>Meaning</source>
        <translation>Мааниси</translation>
    </message>
    <message>
        <source>First session attended</source>
        <translation>Катышкан биринчи сабак</translation>
    </message>
    <message>
        <source>Record id</source>
        <translation>Жазуунун ID</translation>
    </message>
    <message>
        <source>Period</source>
        <translation>Мезгил</translation>
    </message>
    <message>
        <source>Sessions</source>
        <translation>Сабактар</translation>
    </message>
    <message>
        <source>Completed at least one training</source>
        <translation>Жок дегенде бир тренингди аяктагандар</translation>
    </message>
    <message>
        <source>Certificates issued</source>
        <translation>Берилген сертификаттар</translation>
    </message>
    <message>
        <source>Hours attended</source>
        <translation>Катышуу сааттары</translation>
    </message>
    <message>
        <source>Trainings with nobody present (left out)</source>
        <translation>Эч ким катышпаган тренингдер (эсептелген жок)</translation>
    </message>
    <message>
        <source>Prepared on</source>
        <translation>Даярдалган күнү</translation>
    </message>
    <message>
        <source>Groups and members</source>
        <translation>Топтор жана мүчөлөр</translation>
    </message>
    <message>
        <source>Plan activities and budgets</source>
        <translation>Пландардын иш-чаралары жана бюджеттери</translation>
    </message>
    <message>
        <source>Certificate register</source>
        <translation>Сертификаттардын реестри</translation>
    </message>
    <message>
        <source>Sync conflicts</source>
        <translation>Шайкештирүүдөгү карама-каршылыктар</translation>
    </message>
    <message>
        <source>Unknown table {table}; choose one of: {tables}.</source>
        <translation>Белгисиз таблица {table}; булардын бирин тандаңыз: {tables}.</translation>
    </message>
    <message>
        <source>Personal number (PIN)</source>
        <translation>Жеке номер (ПИН)</translation>
    </message>
    <message>
        <source>Group</source>
        <translation>Топ</translation>
    </message>
    <message>
        <source>Crime prevention centre</source>
        <translation>Укук бузууларды алдын алуу борбору</translation>
    </message>
    <message>
        <source>Role in the group</source>
        <translation>Топтогу ролу</translation>
    </message>
    <message>
        <source>Participants present</source>
        <translation>Катышкан катышуучулар</translation>
    </message>
    <message>
        <source>Plan</source>
        <translation>План</translation>
    </message>
    <message>
        <source>Activities</source>
        <translation>Иш-чаралар</translation>
    </message>
    <message>
        <source>Project budget (som)</source>
        <translation>Долбоордун бюджети (сом)</translation>
    </message>
    <message>
        <source>Local budget (som)</source>
        <translation>Жергиликтүү бюджет (сом)</translation>
    </message>
    <message>
        <source>Other budget (som)</source>
        <translation>Башка булактар (сом)</translation>
    </message>
    <message>
        <source>Total budget (som)</source>
        <translation>Жалпы бюджет (сом)</translation>
    </message>
    <message>
        <source>Plan status</source>
        <translation>Пландын абалы</translation>
    </message>
    <message>
        <source>Activity</source>
        <translation>Иш-чара</translation>
    </message>
    <message>
        <source>Serial</source>
        <translation>Каттоо №</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Себеби</translation>
    </message>
    <message>
        <source>Detected</source>
        <translation>Табылган</translation>
    </message>
    <message>
        <source>Table</source>
        <translation>Таблица</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>Талаа</translation>
    </message>
    <message>
        <source>Value kept</source>
        <translation>Сакталган маани</translation>
    </message>
    <message>
        <source>Value set aside</source>
        <translation>Четке коюлган маани</translation>
    </message>
    <message>
        <source>The file {name} could not be written: {reason}.</source>
        <translation>{name} файлын жазуу мүмкүн болгон жок: {reason}.</translation>
    </message>
    <message>
        <source>{name} is not a spreadsheet. Choose an Excel file (.xlsx) or a CSV file.</source>
        <translation>{name} таблица эмес. Excel (.xlsx) же CSV файлын тандаңыз.</translation>
    </message>
    <message>
        <source>{name} is an old Excel file (.xls). Open it in Excel and save it as .xlsx, then import that file.</source>
        <translation>{name} — Excelдин эски форматындагы файл (.xls). Аны Excelде ачып, .xlsx катары сактаңыз да, ошол файлды импорттоңуз.</translation>
    </message>
    <message>
        <source>Surname</source>
        <translation>Фамилиясы</translation>
    </message>
    <message>
        <source>Given name</source>
        <translation>Аты</translation>
    </message>
    <message>
        <source>Patronymic</source>
        <translation>Атасынын аты</translation>
    </message>
    <message>
        <source>Birth year or date</source>
        <translation>Туулган жылы же күнү</translation>
    </message>
    <message>
        <source>(not imported)</source>
        <translation>(импорттолбойт)</translation>
    </message>
    <message>
        <source>The file has no column {column}.</source>
        <translation>Файлда {column} мамычасы жок.</translation>
    </message>
    <message>
        <source>{name} has no rows to import.</source>
        <translation>{name} файлында импорттоо үчүн сап жок.</translation>
    </message>
    <message>
        <source>Say which column holds the names (full name, or surname and given name).</source>
        <translation>Аты-жөнү кайсы мамычада экенин көрсөтүңүз (толук аты-жөнү же фамилиясы жана аты).</translation>
    </message>
    <message>
        <source>There is no advisory group called &quot;{name}&quot;.</source>
        <translation>&quot;{name}&quot; деген консультативдик топ жок.</translation>
    </message>
    <message>
        <source>Several groups are called &quot;{name}&quot;; give the group&apos;s id instead.</source>
        <translation>&quot;{name}&quot; деген бир нече топ бар; топтун ID көрсөтүңүз.</translation>
    </message>
    <message>
        <source>Sex is missing.</source>
        <translation>Жынысы көрсөтүлгөн эмес.</translation>
    </message>
    <message>
        <source>That group no longer exists.</source>
        <translation>Бул топ мындан ары жок.</translation>
    </message>
    <message>
        <source>That import was not found.</source>
        <translation>Мындай импорт табылган жок.</translation>
    </message>
    <message>
        <source>This import was already taken back.</source>
        <translation>Бул импорт буга чейин жокко чыгарылган.</translation>
    </message>
    <message>
        <source>Unknown field: {field}.</source>
        <translation>Белгисиз талаа: {field}.</translation>
    </message>
    <message>
        <source>Sex &quot;{value}&quot; is not understood; write F or M (ж or э, ж or м).</source>
        <translation>Жынысы &quot;{value}&quot; түшүнүксүз; ж же э (F же M) деп жазыңыз.</translation>
    </message>
    <message>
        <source>Sector &quot;{value}&quot; is not understood.</source>
        <translation>Сектор &quot;{value}&quot; түшүнүксүз.</translation>
    </message>
    <message>
        <source>Role &quot;{value}&quot; is not understood.</source>
        <translation>Ролу &quot;{value}&quot; түшүнүксүз.</translation>
    </message>
    <message>
        <source>Birth year &quot;{value}&quot; is not a year or a date.</source>
        <translation>Туулган жылы &quot;{value}&quot; жыл да, дата да эмес.</translation>
    </message>
    <message>
        <source>{what} &quot;{value}&quot; is not a date (e.g. 31.12.2024).</source>
        <translation>{what} &quot;{value}&quot; дата эмес (мисалы, 31.12.2024).</translation>
    </message>
    <message>
        <source>The same person as on row {line} of the file.</source>
        <translation>Файлдын {line}-сабындагы адам менен бир адам.</translation>
    </message>
    <message>
        <source>The person chosen no longer exists.</source>
        <translation>Тандалган адам мындан ары жок.</translation>
    </message>
    <message>
        <source>Left out by the user.</source>
        <translation>Колдонуучу калтырды.</translation>
    </message>
    <message>
        <source>The training title</source>
        <translation>Тренингдин аталышы</translation>
    </message>
    <message>
        <source>a record ({id}) claims to have seen changes that were never made</source>
        <translation>жазуу ({id}) эч качан жасалбаган өзгөрүүлөрдү көргөнүн айтат</translation>
    </message>
    <message>
        <source>a record ({id}) carries no change of its sender within the package&apos;s range</source>
        <translation>жазууда ({id}) жөнөтүүчүнүн пакеттин аралыгындагы бир да өзгөрүүсү жок</translation>
    </message>
    <message>
        <source>an audit entry is not readable</source>
        <translation>өзгөртүүлөр журналынын жазуусу окулбайт</translation>
    </message>
    <message>
        <source>an audit entry names another installation as its author</source>
        <translation>өзгөртүүлөр журналынын жазуусунда автор катары башка орнотуу көрсөтүлгөн</translation>
    </message>
    <message>
        <source>an audit entry is numbered {n}, outside the package&apos;s range {first}-{last}</source>
        <translation>өзгөртүүлөр журналынын жазуусунун номери {n}, ал пакеттин {first}-{last} аралыгынан тышкары</translation>
    </message>
    <message>
        <source>an audit entry is dated {at}, after the package was written</source>
        <translation>өзгөртүүлөр журналынын жазуусунун датасы {at}, башкача айтканда пакет жазылгандан кийин</translation>
    </message>
    <message>
        <source>an audit entry has no readable time</source>
        <translation>өзгөртүүлөр журналынын жазуусунун убактысы окулбайт</translation>
    </message>
    <message>
        <source>a change is numbered {n}, outside the package&apos;s range {first}-{last}</source>
        <translation>өзгөрүүнүн номери {n}, ал пакеттин {first}-{last} аралыгынан тышкары</translation>
    </message>
    <message>
        <source>a change is dated {at}, after the package was written</source>
        <translation>өзгөрүүнүн датасы {at}, башкача айтканда пакет жазылгандан кийин</translation>
    </message>
    <message>
        <source>a record ({id}) carries a change of another installation ({installation} #{n}) that this installation never received</source>
        <translation>жазууда ({id}) башка орнотуунун бул орнотуу эч качан албаган өзгөрүүсү бар ({installation} #{n})</translation>
    </message>
    <message>
        <source>unexpected package kind {kind}</source>
        <translation>пакеттин күтүлбөгөн түрү: {kind}</translation>
    </message>
    <message>
        <source>its creation time is not readable</source>
        <translation>анын түзүлгөн убактысы окулбайт</translation>
    </message>
    <message>
        <source>there is no manifest</source>
        <translation>анда манифест жок</translation>
    </message>
    <message>
        <source>the manifest is not readable</source>
        <translation>манифест окулбайт</translation>
    </message>
    <message>
        <source>the entries do not match the manifest</source>
        <translation>архивдеги файлдар манифестке дал келбейт</translation>
    </message>
    <message>
        <source>the manifest does not match the header</source>
        <translation>манифест пакеттин башына дал келбейт</translation>
    </message>
    <message>
        <source>the record counts do not match the manifest</source>
        <translation>жазуулардын саны манифестке дал келбейт</translation>
    </message>
    <message>
        <source>the archive is not readable</source>
        <translation>архив окулбайт</translation>
    </message>
    <message>
        <source>too many entries</source>
        <translation>архивде файлдар өтө көп</translation>
    </message>
    <message>
        <source>{entry} does not match its hash</source>
        <translation>{entry} файлынын хеши дал келбейт</translation>
    </message>
    <message>
        <source>an entry cannot be read ({error})</source>
        <translation>архивдеги файл окулбайт ({error})</translation>
    </message>
    <message>
        <source>{entry} is not the size it declares</source>
        <translation>{entry} файлынын өлчөмү көрсөтүлгөнгө дал келбейт</translation>
    </message>
    <message>
        <source>the certificate settings from headquarters are too large</source>
        <translation>башкы кеңседен келген сертификаттардын жөндөөлөрү өтө чоң</translation>
    </message>
    <message>
        <source>the certificate settings from headquarters are not readable</source>
        <translation>башкы кеңседен келген сертификаттардын жөндөөлөрү окулбайт</translation>
    </message>
    <message>
        <source>the certificate settings from headquarters are for another community</source>
        <translation>башкы кеңседен келген сертификаттардын жөндөөлөрү башка жамаат үчүн</translation>
    </message>
    <message>
        <source>changes {first}-{last} from {name} are missing</source>
        <translation>{name} жөнөткөн {first}-{last} өзгөрүүлөрү жок</translation>
    </message>
    <message>
        <source>change {first} from {name} is missing</source>
        <translation>{name} жөнөткөн {first} өзгөрүүсү жок</translation>
    </message>
    <message>
        <source>the list of accepted keys is too large</source>
        <translation>кабыл алынган ачкычтардын тизмеси өтө чоң</translation>
    </message>
    <message>
        <source>the list of accepted keys is not readable</source>
        <translation>кабыл алынган ачкычтардын тизмеси окулбайт</translation>
    </message>
    <message>
        <source>the list of accepted keys is not signed by headquarters</source>
        <translation>кабыл алынган ачкычтардын тизмесине башкы кеңсе кол койгон эмес</translation>
    </message>
    <message>
        <source>The completion rule must be a share between 1% and 100% of the hours.</source>
        <translation>Аяктоо эрежеси сааттардын 1% менен 100% ортосундагы үлүш болушу керек.</translation>
    </message>
    <message>
        <source>Choose the phase of the programme.</source>
        <translation>Программанын этабын тандаңыз.</translation>
    </message>
    <message>
        <source>A training needs at least one session (a date and its hours).</source>
        <translation>Тренингде жок дегенде бир сабак болушу керек (күнү жана сааттары).</translation>
    </message>
    <message>
        <source>Two sessions have the same date.</source>
        <translation>Эки сабактын күнү бирдей.</translation>
    </message>
    <message>
        <source>Add a session to the training first.</source>
        <translation>Адегенде тренингге сабак кошуңуз.</translation>
    </message>
    <message>
        <source>Every session needs a date.</source>
        <translation>Ар бир сабактын күнү болушу керек.</translation>
    </message>
    <message>
        <source>Session hours must be more than 0 and at most 24.</source>
        <translation>Сабактын сааттары 0дөн көп жана 24төн ашпашы керек.</translation>
    </message>
    <message>
        <source>The session was not found; it may have been deleted.</source>
        <translation>Сабак табылган жок; ал өчүрүлгөн болушу мүмкүн.</translation>
    </message>
    <message>
        <source>The session of {date} has attendance recorded; untick it first if it really has to go.</source>
        <translation>{date} сабагында катышуу белгиленген; аны чындап өчүрүү керек болсо, адегенде белгилерди алыңыз.</translation>
    </message>
    <message>
        <source>{name} is a member of the advisory group, not a walk-in, and stays on the sheet. Untick their sessions instead, or remove them from the group on the Advisory group page.</source>
        <translation>{name} — консультативдик топтун мүчөсү, өзү келген эмес, баракчада калат. Анын ордуна сабактардагы белгилерди алыңыз же «Консультативдик топ» барагында топтон чыгарыңыз.</translation>
    </message>
    <message>
        <source>Only a walk-in can be removed from the sheet, and {name} is not one on this training.</source>
        <translation>Баракчадан өзү келгенди гана алып салууга болот, ал эми {name} бул тренингде өзү келген эмес.</translation>
    </message>
    <message>
        <source>Certificate {serial} was issued to {name} for this training. Revoke it first (Certificates), then remove them from the sheet.</source>
        <translation>{serial} сертификаты бул тренинг үчүн {name} аттуу катышуучуга берилген. Адегенде аны кайтарып алыңыз («Сертификаттар»), андан кийин баракчадан алып салыңыз.</translation>
    </message>
    <message>
        <source>The category</source>
        <translation>Категория</translation>
    </message>
    <message>
        <source>{path} is not a folder.</source>
        <translation>{path} папка эмес.</translation>
    </message>
    <message>
        <source>The data folder {path} cannot be created or written: {reason}</source>
        <translation>{path} маалыматтар папкасын түзүү же ага жазуу мүмкүн эмес: {reason}</translation>
    </message>
    <message>
        <source>The disk is full. Free some space; nothing that was saved before was lost.</source>
        <translation>Диск толуп калды. Орун бошотуңуз; мурда сакталган эч нерсе жоголгон жок.</translation>
    </message>
    <message>
        <source>The data folder is read-only. Nothing could be saved.</source>
        <translation>Маалыматтар папкасы окуу үчүн гана. Эч нерсе сакталган жок.</translation>
    </message>
    <message>
        <source>The database file is damaged or unreadable ({reason}). Restore it from a backup.</source>
        <translation>Маалымат базасынын файлы бузулган же окулбайт ({reason}). Аны камдык көчүрмөдөн калыбына келтириңиз.</translation>
    </message>
    <message>
        <source>the database could not be read or written</source>
        <translation>маалымат базасын окуу же жазуу мүмкүн болгон жок</translation>
    </message>
    <message>
        <source>{path} is not a STRIVE Desktop database or is damaged ({reason}).</source>
        <translation>{path} STRIVE Desktop маалымат базасы эмес же бузулган ({reason}).</translation>
    </message>
    <message>
        <source>The backup could not be written to {path}: {reason}</source>
        <translation>Камдык көчүрмө {path} жерине жазылган жок: {reason}</translation>
    </message>
    <message>
        <source>Give the serial and the code, --qr with the QR code&apos;s text, or --image with a photo of the QR code.</source>
        <translation>Катар номерин жана кодду, QR-коддун жазуусу менен --qr же QR-коддун сүрөтү менен --image көрсөтүңүз.</translation>
    </message>
    <message>
        <source>{what} contains characters that cannot be printed: {chars}. Use letters, digits and ordinary punctuation.</source>
        <translation>«{what}» ичинде басып чыгарууга мүмкүн болбогон белгилер бар: {chars}. Тамгаларды, сандарды жана кадимки тыныш белгилерин колдонуңуз.</translation>
    </message>
    <message>
        <source>This is not the QR code of a STRIVE certificate.</source>
        <translation>Бул STRIVE сертификатынын QR-коду эмес.</translation>
    </message>
    <message>
        <source>The signature in the QR code does not match certificate {serial}: the copy is not genuine or its facts were changed.</source>
        <translation>QR-коддогу кол {serial} сертификатына дал келбейт: нуска чыныгы эмес же анын маалыматтары өзгөртүлгөн.</translation>
    </message>
    <message>
        <source>No QR code was found in {path}. Take the photo closer, straight on and in good light.</source>
        <translation>{path} ичинен QR-код табылган жок. Жакыныраак, түз жана жарык жерде сүрөткө тартыңыз.</translation>
    </message>
    <message>
        <source>Certificate {serial} was issued by an installation this one does not know yet; check it at headquarters.</source>
        <translation>{serial} сертификатын бул жерде азырынча белгисиз орнотуу берген; аны борбордук кеңседе текшериңиз.</translation>
    </message>
    <message>
        <source>{path} is not an image that can be read.</source>
        <translation>{path} окула турган сүрөт эмес.</translation>
    </message>
    <message>
        <source>Choose two different people.</source>
        <translation>Эки башка адамды тандаңыз.</translation>
    </message>
    <message>
        <source>Give at least the first 4 characters of the person&apos;s id.</source>
        <translation>Адамдын идентификаторунун жок дегенде алгачкы 4 белгисин жазыңыз.</translation>
    </message>
    <message>
        <source>No person has the id {id}.</source>
        <translation>{id} идентификатору бар адам жок.</translation>
    </message>
    <message>
        <source>More than one person&apos;s id starts with {id}; give more of it.</source>
        <translation>Бир нече адамдын идентификатору {id} менен башталат; көбүрөөк белги жазыңыз.</translation>
    </message>
    <message>
        <source>Only people still on the lists can be merged; a deleted or already merged person cannot.</source>
        <translation>Тизмелерде бар адамдарды гана бириктирсе болот; өчүрүлгөн же мурда бириктирилген адамды болбойт.</translation>
    </message>
    <message>
        <source>These two have different personal numbers (PIN): they are two people.</source>
        <translation>Алардын жеке номерлери (ПИН) ар башка: бул эки башка адам.</translation>
    </message>
    <message>
        <source>This person was not merged into anyone.</source>
        <translation>Бул адам эч кимге бириктирилген эмес.</translation>
    </message>
    <message>
        <source>The disk is full. Free some space and start again; nothing was changed.</source>
        <translation>Диск толуп калды. Орун бошотуп, кайра баштаңыз; эч нерсе өзгөргөн жок.</translation>
    </message>
    <message>
        <source>The database in {path} could not be read ({reason}). The disk may be full, read-only or removed (a USB stick): check it and start again. Nothing was changed.</source>
        <translation>{path} ичиндеги маалымат базасын окуу мүмкүн болгон жок ({reason}). Диск толуп калган, окуу үчүн гана же ажыратылган (USB-флешка) болушу мүмкүн: текшерип, кайра баштаңыз. Эч нерсе өзгөргөн жок.</translation>
    </message>
    <message>
        <source>This data folder was written by a newer version of STRIVE Desktop (schema {version}). Install the newer version; the data was not changed.</source>
        <translation>Бул маалыматтар папкасы STRIVE Desktopтун жаңыраак версиясы менен жазылган (схема {version}). Жаңы версияны орнотуңуз; маалыматтар өзгөргөн жок.</translation>
    </message>
    <message>
        <source>STRIVE Desktop is already running with the data folder {path}. Close the other window first.</source>
        <translation>STRIVE Desktop {path} маалыматтар папкасы менен иштеп жатат. Адегенде башка терезени жабыңыз.</translation>
    </message>
    <message>
        <source>The data folder {path} cannot be written: {reason}</source>
        <translation>{path} маалыматтар папкасына жазуу мүмкүн эмес: {reason}</translation>
    </message>
    <message>
        <source>{path} is not a STRIVE Desktop database.</source>
        <translation>{path} STRIVE Desktop маалымат базасы эмес.</translation>
    </message>
    <message>
        <source>{path} is not a STRIVE invitation file.</source>
        <translation>{path} STRIVE чакыруу файлы эмес.</translation>
    </message>
    <message>
        <source>Only headquarters writes invitations.</source>
        <translation>Чакырууларды башкы кеңсе гана жазат.</translation>
    </message>
    <message>
        <source>An invitation is valid for 1 to {max} days.</source>
        <translation>Чакыруу 1 күндөн {max} күнгө чейин жарактуу.</translation>
    </message>
    <message>
        <source>This invitation expired on {date}. Ask headquarters for a new one.</source>
        <translation>Бул чакыруунун мөөнөтү {date} бүткөн. Башкы кеңседен жаңысын сураңыз.</translation>
    </message>
    <message>
        <source>This is the headquarters installation; invitations are for field offices.</source>
        <translation>Бул башкы кеңсенин орнотуусу; чакыруулар жергиликтүү кеңселер үчүн.</translation>
    </message>
    <message>
        <source>This invitation is for {name}, not for the community of this office. Ask headquarters for an invitation for this community.</source>
        <translation>Бул чакыруу бул кеңсенин жамааты үчүн эмес, {name} үчүн. Башкы кеңседен ушул жамаат үчүн чакыруу сураңыз.</translation>
    </message>
    <message>
        <source>{file} from {name} was not accepted by invitation: {reason}. It waits until headquarters accepts that installation.</source>
        <translation>{name} жиберген {file} чакыруу боюнча кабыл алынган жок: {reason}. Ал башкы кеңсе ошол орнотууну кабыл алганга чейин күтүп турат.</translation>
    </message>
    <message>
        <source>its invitation proof is not readable</source>
        <translation>анын чакыруу далили окулбайт</translation>
    </message>
    <message>
        <source>it does not prove the invitation&apos;s secret</source>
        <translation>ал чакыруунун жашыруун ачкычын далилдебейт</translation>
    </message>
    <message>
        <source>the invitation was already used by another installation</source>
        <translation>чакыруу башка орнотуу тарабынан колдонулуп калган</translation>
    </message>
    <message>
        <source>the invitation was already used, and that installation is no longer accepted</source>
        <translation>чакыруу колдонулуп калган, жана ал орнотуу мындан ары кабыл алынбайт</translation>
    </message>
    <message>
        <source>the invitation expired on {date}</source>
        <translation>чакыруунун мөөнөтү {date} бүткөн</translation>
    </message>
    <message>
        <source>the invitation is for another community</source>
        <translation>чакыруу башка жамаат үчүн</translation>
    </message>
    <message>
        <source>{path} was altered after headquarters wrote it (its signature does not match). Ask headquarters for a new invitation.</source>
        <translation>{path} башкы кеңсе жазгандан кийин өзгөртүлгөн (анын колу дал келбейт). Башкы кеңседен жаңы чакыруу сураңыз.</translation>
    </message>
    <message>
        <source>The invitation is for a community this version does not know ({name}). Install the version headquarters uses.</source>
        <translation>Чакыруу бул версия билбеген жамаат үчүн ({name}). Башкы кеңсе колдонгон версияны орнотуңуз.</translation>
    </message>
    <message>
        <source>headquarters never wrote that invitation</source>
        <translation>башкы кеңсе мындай чакырууну жазган эмес</translation>
    </message>
    <message>
        <source>The invitation was already used by another installation.</source>
        <translation>Чакыруу башка орнотуу тарабынан колдонулуп калган.</translation>
    </message>
    <message>
        <source>The invitation could not be written to {path}: {reason}</source>
        <translation>Чакырууну {path} файлына жазуу мүмкүн болгон жок: {reason}</translation>
    </message>
    <message>
        <source>A range is two change numbers like 51-70, not {value}.</source>
        <translation>Аралык — бул 51-70 сыяктуу эки өзгөртүү номери, {value} эмес.</translation>
    </message>
    <message>
        <source>its parent record ({parent}) was set aside, so it can never be applied</source>
        <translation>анын негизги жазуусу ({parent}) четке коюлган, ошондуктан аны колдонууга болбойт</translation>
    </message>
    <message>
        <source>its parent record ({parent}) is in no package of its sender up to this one, so it can never arrive</source>
        <translation>анын негизги жазуусу ({parent}) жөнөтүүчүнүн ушул пакетке чейинки бир да пакетинде жок, ошондуктан ал эч качан келбейт</translation>
    </message>
    <message>
        <source>Headquarters sends return packages to each field installation instead.</source>
        <translation>Анын ордуна башкы кеңсе ар бир жергиликтүү орнотууга кайтуучу пакеттерди жөнөтөт.</translation>
    </message>
    <message>
        <source>Only headquarters writes return packages.</source>
        <translation>Кайтуучу пакеттерди башкы кеңсе гана жазат.</translation>
    </message>
    <message>
        <source>Import the headquarters key file first (Sync page or &apos;keys import-hq FILE&apos;).</source>
        <translation>Адегенде башкы кеңсенин ачкыч файлын жүктөңүз («Маалымат алмашуу» барагы же &apos;keys import-hq ФАЙЛ&apos;).</translation>
    </message>
    <message>
        <source>This installation has only made {n} changes so far.</source>
        <translation>Бул орнотуу азырынча {n} гана өзгөртүү жасады.</translation>
    </message>
    <message>
        <source>There are no changes to export since the last package.</source>
        <translation>Акыркы пакеттен бери жөнөтө турган өзгөртүүлөр жок.</translation>
    </message>
    <message>
        <source>The folder {path} does not exist.</source>
        <translation>{path} папкасы жок.</translation>
    </message>
    <message>
        <source>{file} was refused: it is larger than the limit of {mb} MB for a package. The limit can be raised in the settings of this data folder.</source>
        <translation>{file} кабыл алынган жок: ал пакет үчүн {mb} МБ чектен чоң. Чекти ушул маалымат папкасынын жөндөөлөрүндө көбөйтсө болот.</translation>
    </message>
    <message>
        <source>{file} was refused: it claims another community or role than the one {name} was accepted with. Nothing of it was applied.</source>
        <translation>{file} кабыл алынган жок: анда {name} кабыл алынгандагыдан башка жамаат же роль көрсөтүлгөн. Андан эч нерсе колдонулган жок.</translation>
    </message>
    <message>
        <source>{file} was refused: {name} was accepted without a community, so it owns no records. Nothing of it was applied.</source>
        <translation>{file} кабыл алынган жок: {name} жамаатсыз кабыл алынган, ошондуктан ага эч бир жазуу таандык эмес. Андан эч нерсе колдонулган жок.</translation>
    </message>
    <message>
        <source>{file} was refused: it is dated {date}, in the future. Check the date and time of the computer that wrote it, then export again.</source>
        <translation>{file} кабыл алынган жок: анын датасы {date}, келечекте. Аны жазган компьютердин күнүн жана убактысын текшерип, кайра экспорттоңуз.</translation>
    </message>
    <message>
        <source>{file} comes from {name}, which is not this installation&apos;s headquarters. Import the headquarters key file first.</source>
        <translation>{file} {name} тарабынан келген, ал бул орнотуунун башкы кеңсеси эмес. Адегенде башкы кеңсенин ачкыч файлын жүктөңүз.</translation>
    </message>
    <message>
        <source>{file} is damaged or was altered: its header is not readable.</source>
        <translation>{file} бузулган же өзгөртүлгөн: анын башы окулбайт.</translation>
    </message>
    <message>
        <source>{file} is far larger than any real package and was not imported.</source>
        <translation>{file} ар кандай чыныгы пакеттен алда канча чоң, ошондуктан жүктөлгөн жок.</translation>
    </message>
    <message>
        <source>The file {path} cannot be read: {reason}</source>
        <translation>{path} файлын окуу мүмкүн эмес: {reason}</translation>
    </message>
    <message>
        <source>{file} was refused: a package with the same number from another installation is already here.</source>
        <translation>{file} кабыл алынган жок: башка орнотуудан келген ушундай номердеги пакет бул жерде бар.</translation>
    </message>
    <message>
        <source>{file} was refused, nothing of it was applied: {reason}.</source>
        <translation>{file} кабыл алынган жок, андан эч нерсе колдонулган жок: {reason}.</translation>
    </message>
    <message>
        <source>Only the headquarters installation writes a headquarters key file.</source>
        <translation>Башкы кеңсенин ачкыч файлын башкы кеңсенин орнотуусу гана жазат.</translation>
    </message>
    <message>
        <source>This is the headquarters installation; it does not import a headquarters key.</source>
        <translation>Бул башкы кеңсенин орнотуусу; ал башкы кеңсенин ачкычын жүктөбөйт.</translation>
    </message>
    <message>
        <source>The passphrase must be at least 8 characters long.</source>
        <translation>Сырсөз кеминде 8 белгиден турушу керек.</translation>
    </message>
    <message>
        <source>This key backup was made by a headquarters installation and this one is a field office, or the other way round; it cannot be restored here.</source>
        <translation>Бул ачкычтардын камдык көчүрмөсү башкы кеңседе жасалган, ал эми бул орнотуу — талаа кеңсеси (же тескерисинче); аны бул жерде калыбына келтирүүгө болбойт.</translation>
    </message>
    <message>
        <source>This key backup belongs to another installation ({name}); only a backup made by this installation can be restored here.</source>
        <translation>Бул ачкычтардын камдык көчүрмөсү башка орнотууга ({name}) таандык; бул жерде ушул орнотуу өзү жасаган көчүрмөнү гана калыбына келтирсе болот.</translation>
    </message>
    <message>
        <source>The key file could not be written to {path}: {reason}</source>
        <translation>Ачкыч файлы {path} жерине жазылган жок: {reason}</translation>
    </message>
    <message>
        <source>{path} is not a headquarters key file.</source>
        <translation>{path} башкы кеңсенин ачкыч файлы эмес.</translation>
    </message>
    <message>
        <source>The key backup could not be written to {path}: {reason}</source>
        <translation>Ачкычтардын камдык көчүрмөсү {path} жерине жазылган жок: {reason}</translation>
    </message>
    <message>
        <source>{path} is not a STRIVE key backup.</source>
        <translation>{path} STRIVE ачкычтарынын камдык көчүрмөсү эмес.</translation>
    </message>
    <message>
        <source>Wrong passphrase, or the key backup is damaged.</source>
        <translation>Сырсөз туура эмес, же ачкычтардын камдык көчүрмөсү бузулган.</translation>
    </message>
    <message>
        <source>No installation called {name} has sent a package yet.</source>
        <translation>{name} деген орнотуу азырынча пакет жөнөткөн жок.</translation>
    </message>
    <message>
        <source>More than one installation matches {name}; use its id.</source>
        <translation>{name} атына бирден ашык орнотуу дал келет; анын идентификаторун колдонуңуз.</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>ооба</translation>
    </message>
    <message>
        <source>no</source>
        <translation>жок</translation>
    </message>
    <message>
        <source>Communities</source>
        <translation>Жамааттар</translation>
    </message>
    <message>
        <source>Advisory groups</source>
        <translation>Консультативдик топтор</translation>
    </message>
    <message>
        <source>People</source>
        <translation>Адамдар</translation>
    </message>
    <message>
        <source>Group memberships</source>
        <translation>Топко мүчөлүк</translation>
    </message>
    <message>
        <source>Vulnerable groups</source>
        <translation>Аялуу топтор</translation>
    </message>
    <message>
        <source>Trainings</source>
        <translation>Тренингдер</translation>
    </message>
    <message>
        <source>Training sessions</source>
        <translation>Тренинг сабактары</translation>
    </message>
    <message>
        <source>Attendance</source>
        <translation>Катышуу</translation>
    </message>
    <message>
        <source>Local plans</source>
        <translation>Жергиликтүү пландар</translation>
    </message>
    <message>
        <source>Plan activities</source>
        <translation>Пландын иш-чаралары</translation>
    </message>
    <message>
        <source>Plan revisions</source>
        <translation>Пландын редакциялары</translation>
    </message>
    <message>
        <source>Certificates</source>
        <translation>Сертификаттар</translation>
    </message>
    <message>
        <source>Attachments</source>
        <translation>Тиркемелер</translation>
    </message>
    <message>
        <source>Full name</source>
        <translation>Аты-жөнү</translation>
    </message>
    <message>
        <source>Merged into</source>
        <translation>Бириктирилген адам</translation>
    </message>
    <message>
        <source>Records moved by a merge</source>
        <translation>Бириктирүүдө көчүрүлгөн жазуулар</translation>
    </message>
    <message>
        <source>Kept apart from</source>
        <translation>Бириктирилбейт</translation>
    </message>
    <message>
        <source>Sex</source>
        <translation>Жынысы</translation>
    </message>
    <message>
        <source>Birth year</source>
        <translation>Туулган жылы</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Телефон</translation>
    </message>
    <message>
        <source>PIN</source>
        <translation>ПИН</translation>
    </message>
    <message>
        <source>Sector</source>
        <translation>Сектор</translation>
    </message>
    <message>
        <source>Organisation</source>
        <translation>Уюм</translation>
    </message>
    <message>
        <source>Position</source>
        <translation>Кызматы</translation>
    </message>
    <message>
        <source>Consent date</source>
        <translation>Макулдук күнү</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>Эскертүүлөр</translation>
    </message>
    <message>
        <source>Community</source>
        <translation>Жамаат</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Аталышы</translation>
    </message>
    <message>
        <source>Prevention centre</source>
        <translation>КАБ</translation>
    </message>
    <message>
        <source>Formed on</source>
        <translation>Түзүлгөн күнү</translation>
    </message>
    <message>
        <source>Person</source>
        <translation>Адам</translation>
    </message>
    <message>
        <source>Advisory group</source>
        <translation>Консультативдик топ</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Ролу</translation>
    </message>
    <message>
        <source>Joined on</source>
        <translation>Кошулган күнү</translation>
    </message>
    <message>
        <source>Left on</source>
        <translation>Чыккан күнү</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>Категория</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>Сүрөттөмө</translation>
    </message>
    <message>
        <source>Phase</source>
        <translation>Этап</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>Аталышы</translation>
    </message>
    <message>
        <source>Venue</source>
        <translation>Өткөрүлгөн жери</translation>
    </message>
    <message>
        <source>Trainers</source>
        <translation>Тренерлер</translation>
    </message>
    <message>
        <source>Training</source>
        <translation>Тренинг</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Күнү</translation>
    </message>
    <message>
        <source>Hours</source>
        <translation>Сааттар</translation>
    </message>
    <message>
        <source>Session</source>
        <translation>Сабак</translation>
    </message>
    <message>
        <source>Present</source>
        <translation>Катышты</translation>
    </message>
    <message>
        <source>Walk-in</source>
        <translation>Өзү келген</translation>
    </message>
    <message>
        <source>Period start</source>
        <translation>Мезгилдин башы</translation>
    </message>
    <message>
        <source>Period end</source>
        <translation>Мезгилдин аягы</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Абалы</translation>
    </message>
    <message>
        <source>Context</source>
        <translation>Кырдаал</translation>
    </message>
    <message>
        <source>Objectives</source>
        <translation>Максаттар</translation>
    </message>
    <message>
        <source>Revision</source>
        <translation>Редакция</translation>
    </message>
    <message>
        <source>Local plan</source>
        <translation>Жергиликтүү план</translation>
    </message>
    <message>
        <source>Responsible</source>
        <translation>Жооптуу</translation>
    </message>
    <message>
        <source>Partners</source>
        <translation>Өнөктөштөр</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>Башталышы</translation>
    </message>
    <message>
        <source>End</source>
        <translation>Аягы</translation>
    </message>
    <message>
        <source>Budget: project</source>
        <translation>Бюджет: долбоор</translation>
    </message>
    <message>
        <source>Budget: local</source>
        <translation>Бюджет: жергиликтүү</translation>
    </message>
    <message>
        <source>Budget: other</source>
        <translation>Бюджет: башка</translation>
    </message>
    <message>
        <source>Indicator</source>
        <translation>Индикатор</translation>
    </message>
    <message>
        <source>Number</source>
        <translation>Номери</translation>
    </message>
    <message>
        <source>Saved by</source>
        <translation>Ким сактады</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Эскертүү</translation>
    </message>
    <message>
        <source>Revision contents</source>
        <translation>Редакциянын мазмуну</translation>
    </message>
    <message>
        <source>Serial number</source>
        <translation>Катар номери</translation>
    </message>
    <message>
        <source>Issued on</source>
        <translation>Берилген күнү</translation>
    </message>
    <message>
        <source>Verification code</source>
        <translation>Текшерүү коду</translation>
    </message>
    <message>
        <source>Revoked</source>
        <translation>Кайтарылып алынды</translation>
    </message>
    <message>
        <source>Reason for revoking</source>
        <translation>Кайтарып алуунун себеби</translation>
    </message>
    <message>
        <source>File name</source>
        <translation>Файлдын аты</translation>
    </message>
    <message>
        <source>Checksum</source>
        <translation>Текшерүү суммасы</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Көлөмү</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>Коду</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Түрү</translation>
    </message>
    <message>
        <source>Name (Kyrgyz)</source>
        <translation>Аталышы (кыргызча)</translation>
    </message>
    <message>
        <source>Name (Russian)</source>
        <translation>Аталышы (орусча)</translation>
    </message>
    <message>
        <source>Name (English)</source>
        <translation>Аталышы (англисче)</translation>
    </message>
    <message>
        <source>Oblast (Kyrgyz)</source>
        <translation>Облус (кыргызча)</translation>
    </message>
    <message>
        <source>Oblast (Russian)</source>
        <translation>Облус (орусча)</translation>
    </message>
    <message>
        <source>Oblast (English)</source>
        <translation>Облус (англисче)</translation>
    </message>
    <message>
        <source>Deleted</source>
        <translation>Өчүрүлдү</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>Түзүлдү</translation>
    </message>
    <message>
        <source>{file} is damaged: {reason}</source>
        <translation>{file} бузулган: {reason}</translation>
    </message>
    <message>
        <source>{file} was refused: its content is larger than the limit of {mb} MB (or it is a so-called zip bomb). The limit can be raised in the settings of this data folder.</source>
        <translation>{file} кабыл алынган жок: анын мазмуну {mb} МБ чектен чоң (же бул «zip-бомба»). Чекти ушул маалымат папкасынын жөндөөлөрүндө көбөйтсө болот.</translation>
    </message>
    <message>
        <source>{file} is not a STRIVE sync package.</source>
        <translation>{file} STRIVE алмашуу пакети эмес.</translation>
    </message>
    <message>
        <source>{file} is incomplete (the file was cut short). Ask for it to be sent again.</source>
        <translation>{file} толук эмес (файл кесилип калган). Аны кайра жөнөтүүнү сураныңыз.</translation>
    </message>
    <message>
        <source>{file} is damaged or was altered: it has extra bytes at the end.</source>
        <translation>{file} бузулган же өзгөртүлгөн: аягында ашыкча байттар бар.</translation>
    </message>
    <message>
        <source>{file} was written by a newer version of STRIVE Desktop (package format {fmt}). Install the newer version to import it.</source>
        <translation>{file} STRIVE Desktopтун жаңыраак версиясы менен жазылган (пакет форматы {fmt}). Аны жүктөө үчүн жаңы версияны орнотуңуз.</translation>
    </message>
    <message>
        <source>{file} is meant for another installation ({name}), not for this one.</source>
        <translation>{file} бул орнотуу үчүн эмес, башка орнотуу ({name}) үчүн арналган.</translation>
    </message>
    <message>
        <source>{file} was written by this installation itself.</source>
        <translation>{file} ушул орнотуунун өзү тарабынан жазылган.</translation>
    </message>
    <message>
        <source>{file} comes from {name}, an installation that has not been accepted yet. It waits until headquarters accepts that installation.</source>
        <translation>{file} {name} тарабынан келген, бул орнотуу азырынча кабыл алына элек. Башкы кеңсе аны кабыл алганга чейин күтүп турат.</translation>
    </message>
    <message>
        <source>there is no ownership rule for this table, so nobody but headquarters may send it</source>
        <translation>бул таблица үчүн ээлик эрежеси жок, ошондуктан аны башкы кеңседен башка эч ким жөнөтө албайт</translation>
    </message>
    <message>
        <source>only headquarters changes shared reference data</source>
        <translation>жалпы маалымдама маалыматтарын башкы кеңсе гана өзгөртөт</translation>
    </message>
    <message>
        <source>it belongs to another community than its sender</source>
        <translation>ал жөнөтүүчүнүкү эмес, башка жамаатка таандык</translation>
    </message>
    <message>
        <source>the record belongs to another community here; only headquarters moves records between communities</source>
        <translation>бул жерде жазуу башка жамаатка таандык; жазууларды жамааттардын ортосунда башкы кеңсе гана көчүрөт</translation>
    </message>
    <message>
        <source>its community cannot be determined</source>
        <translation>анын жамаатын аныктоого мүмкүн эмес</translation>
    </message>
    <message>
        <source>it belongs to another community than this installation</source>
        <translation>ал бул орнотуунукунан башка жамаатка таандык</translation>
    </message>
    <message>
        <source>{file} from {sender}: {added} added, {updated} updated, {unchanged} unchanged, {conflicts} conflicts, {set_aside} set aside, {pending} waiting for their parent records.</source>
        <translation>{file}, жөнөтүүчү {sender}: кошулду {added}, жаңыртылды {updated}, өзгөрүүсүз {unchanged}, карама-каршылыктар {conflicts}, четке коюлду {set_aside}, негизги жазууларын күтүүдө {pending}.</translation>
    </message>
    <message>
        <source>{file}: already imported, nothing changed.</source>
        <translation>{file}: мурун эле импорттолгон, эч нерсе өзгөргөн жок.</translation>
    </message>
    <message>
        <source>{summary} Certificate settings received from headquarters.</source>
        <translation>{summary} Башкы кеңседен сертификаттардын жөндөөлөрү алынды.</translation>
    </message>
    <message>
        <source>{file} is meant for another installation; it was left in the folder.</source>
        <translation>{file} башка орнотуу үчүн; ал папкада калтырылды.</translation>
    </message>
    <message>
        <source>{file} claims to come from {name} but is signed with a different key. It was not imported.</source>
        <translation>{file} {name} тарабынан келгенин айтат, бирок башка ачкыч менен кол коюлган. Ал жүктөлгөн жок.</translation>
    </message>
    <message>
        <source>{file} uses an unknown encryption ({alg}).</source>
        <translation>{file} белгисиз шифрлөөнү колдонот ({alg}).</translation>
    </message>
    <message>
        <source>{file} was refused: an attached file in it is larger than the limit of {mb} MB. The limit can be raised in the settings of this data folder.</source>
        <translation>{file} кабыл алынган жок: андагы тиркелген файл {mb} МБ чектен чоң. Чекти ушул маалымат папкасынын жөндөөлөрүндө көбөйтсө болот.</translation>
    </message>
    <message>
        <source>{file} was written by a newer version of STRIVE Desktop (database schema {schema}). Install the newer version to import it.</source>
        <translation>{file} STRIVE Desktopтун жаңыраак версиясы менен жазылган (база схемасы {schema}). Аны жүктөө үчүн жаңы версияны орнотуңуз.</translation>
    </message>
    <message>
        <source>The package could not be written to {path}: {reason}</source>
        <translation>Пакет {path} жерине жазылган жок: {reason}</translation>
    </message>
    <message>
        <source>{file} is damaged or was altered on the way (the signature does not match). Ask for it to be sent again.</source>
        <translation>{file} жолдо бузулган же өзгөртүлгөн (кол тамга дал келбейт). Аны кайра жөнөтүүнү сураныңыз.</translation>
    </message>
    <message>
        <source>{file} cannot be decrypted: it is damaged or was not sealed for this installation.</source>
        <translation>{file} чечмеленбейт: ал бузулган же бул орнотуу үчүн шифрленген эмес.</translation>
    </message>
    <message>
        <source>{file} was refused: an entry inflates far beyond any real package (a so-called zip bomb).</source>
        <translation>{file} четке кагылды: анын бир жазуусу ар кандай чыныгы пакеттен алда канча чоң болуп ачылат (zip-бомба деп аталган).</translation>
    </message>
    <message>
        <source>{file} was refused: it contains an entry ({entry}) outside the allowed names, which could write outside its folder.</source>
        <translation>{file} четке кагылды: анда уруксат берилбеген аттагы жазуу ({entry}) бар, ал өз папкасынан тышкары жазып коюшу мүмкүн.</translation>
    </message>
    <message>
        <source>{file} was refused: it contains a file ({entry}) that no record of the package refers to.</source>
        <translation>{file} кабыл алынган жок: анда пакеттин эч бир жазуусу шилтеме кылбаган файл ({entry}) бар.</translation>
    </message>
    <message>
        <source>That conflict no longer exists.</source>
        <translation>Ал карама-каршылык мындан ары жок.</translation>
    </message>
    <message>
        <source>This conflict was already settled.</source>
        <translation>Бул карама-каршылык мурда эле чечилген.</translation>
    </message>
    <message>
        <source>The record of this conflict no longer exists.</source>
        <translation>Бул карама-каршылыктын жазуусу мындан ары жок.</translation>
    </message>
    <message>
        <source>Activity {n} starts before the plan period.</source>
        <translation>{n}-иш-чара пландын мезгилинен мурун башталат.</translation>
    </message>
    <message>
        <source>Activity {n} ends after the plan period.</source>
        <translation>{n}-иш-чара пландын мезгили бүткөндөн кийин аяктайт.</translation>
    </message>
    <message>
        <source>To check a certificate by the facts printed on it, give all of them: missing {names}.</source>
        <translation>Сертификатты анда басылган маалыматтар боюнча текшерүү үчүн алардын баарын көрсөтүңүз, жетишпейт: {names}.</translation>
    </message>
    <message>
        <source>Certificate {serial} is not in this installation&apos;s register. To check its signature, give the facts printed on it (name, training, dates, hours, community, date of issue), or check it at headquarters.</source>
        <translation>{serial} сертификаты бул орнотуунун реестринде жок. Анын кол тамгасын текшерүү үчүн анда басылган маалыматтарды (аты-жөнү, тренинг, даталар, сааттар, жамаат, берилген күнү) көрсөтүңүз же аны башкы кеңседе текшериңиз.</translation>
    </message>
    <message>
        <source>The signature in the QR code does not match the facts given for certificate {serial}: check them against the certificate; if they are right, the copy is not genuine or its facts were changed.</source>
        <translation>QR коддогу кол тамга {serial} сертификаты үчүн көрсөтүлгөн маалыматтарга дал келбейт: аларды сертификат менен салыштырыңыз; эгер туура болсо, бул нуска чыныгы эмес же анын маалыматтары өзгөртүлгөн.</translation>
    </message>
    <message>
        <source>Signers and logos printed</source>
        <translation>Басылган кол коюучулар жана логотиптер</translation>
    </message>
    <message>
        <source>The logo {name} is larger than {mb} MB; choose a smaller image in Settings.</source>
        <translation>{name} логотиби {mb} МБдан чоң; «Жөндөөлөр» бөлүмүндө кичирээк сүрөт тандаңыз.</translation>
    </message>
    <message>
        <source>The settings from headquarters are not readable; ask headquarters for a new file.</source>
        <translation>Башкы кеңседен келген жөндөөлөр окулбайт; башкы кеңседен жаңы файл сураңыз.</translation>
    </message>
    <message>
        <source>These settings are for another community than this office&apos;s.</source>
        <translation>Бул жөндөөлөр бул кеңсенин жамаатына эмес, башка жамаатка арналган.</translation>
    </message>
    <message>
        <source>{path} is not a STRIVE Desktop database of this folder, or it is damaged: it cannot be read with the folder&apos;s key file (vault.json). Restore both from the same backup.</source>
        <translation>{path} бул папканын STRIVE Desktop маалымат базасы эмес же бузулган: аны папканын ачкыч файлы (vault.json) менен окуу мүмкүн эмес. Экөөнү тең бир эле камдык көчүрмөдөн калыбына келтириңиз.</translation>
    </message>
    <message>
        <source>The database could not be encrypted: {reason}. Nothing was lost; free some space and start again.</source>
        <translation>Маалымат базасын шифрлөө мүмкүн болгон жок: {reason}. Эч нерсе жоголгон жок; дискте орун бошотуп, кайра баштаңыз.</translation>
    </message>
    <message>
        <source>The file {name} is damaged or belongs to another data folder.</source>
        <translation>{name} файлы бузулган же башка маалымат папкасына таандык.</translation>
    </message>
    <message>
        <source>A password is needed: set STRIVE_PASSWORD or run the command in a terminal.</source>
        <translation>Сырсөз керек: STRIVE_PASSWORD өзгөрмөсүн коюңуз же буйрукту терминалда иштетиңиз.</translation>
    </message>
    <message>
        <source>A password is needed for the first account of this data folder: set STRIVE_PASSWORD or run the command in a terminal.</source>
        <translation>Бул маалымат папкасынын биринчи аккаунту үчүн сырсөз керек: STRIVE_PASSWORD өзгөрмөсүн коюңуз же буйрукту терминалда иштетиңиз.</translation>
    </message>
    <message>
        <source>Wrong name or password.</source>
        <translation>Аты же сырсөзү туура эмес.</translation>
    </message>
    <message>
        <source>The password needs at least {n} characters.</source>
        <translation>Сырсөз кеминде {n} белгиден турушу керек.</translation>
    </message>
    <message>
        <source>This data folder is protected: log in with your name and password (on the command line: --user NAME and the STRIVE_PASSWORD variable).</source>
        <translation>Бул маалымат папкасы корголгон: атыңыз жана сырсөзүңүз менен кириңиз (буйрук сабында: --user АТЫ жана STRIVE_PASSWORD өзгөрмөсү).</translation>
    </message>
    <message>
        <source>The key file {path} is damaged. Restore it from a backup.</source>
        <translation>{path} ачкыч файлы бузулган. Аны камдык көчүрмөдөн калыбына келтириңиз.</translation>
    </message>
    <message>
        <source>The key file {path} was written by a newer version of STRIVE Desktop.</source>
        <translation>{path} ачкыч файлы STRIVE Desktop&apos;тун жаңыраак версиясында жазылган.</translation>
    </message>
    <message>
        <source>This data folder already has accounts; log in instead.</source>
        <translation>Бул маалымат папкасында аккаунттар бар; анын ордуна кириңиз.</translation>
    </message>
    <message>
        <source>The key file {path} cannot be read: {reason}</source>
        <translation>{path} ачкыч файлын окуу мүмкүн эмес: {reason}</translation>
    </message>
    <message>
        <source>The key file {path} cannot be written: {reason}</source>
        <translation>{path} ачкыч файлына жазуу мүмкүн эмес: {reason}</translation>
    </message>
    <message>
        <source>The recovery code is needed: give --code, set STRIVE_RECOVERY_CODE or run the command in a terminal.</source>
        <translation>Калыбына келтирүү коду керек: --code бериңиз, STRIVE_RECOVERY_CODE коюңуз же буйрукту терминалда иштетиңиз.</translation>
    </message>
    <message>
        <source>A new password is needed: set STRIVE_PASSWORD or run the command in a terminal.</source>
        <translation>Жаңы сырсөз керек: STRIVE_PASSWORD коюңуз же буйрукту терминалда иштетиңиз.</translation>
    </message>
    <message>
        <source>This recovery file was written for another installation ({name}); it does not open this data folder.</source>
        <translation>Бул калыбына келтирүү файлы башка орнотуу ({name}) үчүн жазылган; ал бул маалыматтар папкасын ачпайт.</translation>
    </message>
    <message>
        <source>The recovery copy of this installation&apos;s key is damaged.</source>
        <translation>Бул орнотуунун ачкычынын калыбына келтирүү көчүрмөсү бузулган.</translation>
    </message>
    <message>
        <source>Enter the recovery code that headquarters read out to you.</source>
        <translation>Башкы кеңсе сизге окуп берген калыбына келтирүү кодун жазыңыз.</translation>
    </message>
    <message>
        <source>This is not a STRIVE recovery file.</source>
        <translation>Бул STRIVE калыбына келтирүү файлы эмес.</translation>
    </message>
    <message>
        <source>This recovery file expired on {date}. Ask headquarters for a new one.</source>
        <translation>Бул калыбына келтирүү файлынын мөөнөтү {date} бүткөн. Башкы кеңседен жаңысын сураңыз.</translation>
    </message>
    <message>
        <source>The recovery copy of this installation&apos;s key cannot be opened with this headquarters&apos; key. Was headquarters&apos; key replaced since its last package?</source>
        <translation>Бул орнотуунун ачкычынын калыбына келтирүү көчүрмөсүн башкы кеңсенин бул ачкычы менен ачуу мүмкүн эмес. Орнотуунун акыркы пакетинен бери башкы кеңсенин ачкычы алмаштырылганбы?</translation>
    </message>
    <message>
        <source>The recovery code does not fit this recovery file, or the file was changed. Check the code with headquarters.</source>
        <translation>Калыбына келтирүү коду бул файлга туура келбейт же файл өзгөртүлгөн. Кодду башкы кеңсе менен текшериңиз.</translation>
    </message>
    <message>
        <source>Only headquarters writes recovery files.</source>
        <translation>Калыбына келтирүү файлдарын башкы кеңсе гана жазат.</translation>
    </message>
    <message>
        <source>A recovery file is valid for 1 to {n} days.</source>
        <translation>Калыбына келтирүү файлы 1ден {n} күнгө чейин жарактуу.</translation>
    </message>
    <message>
        <source>Accept the installation {name} first.</source>
        <translation>Адегенде {name} орнотуусун кабыл алыңыз.</translation>
    </message>
    <message>
        <source>{name} has not sent a recovery copy of its key yet: it is in every package from this version on.</source>
        <translation>{name} ачкычынын калыбына келтирүү көчүрмөсүн азырынча жөнөтө элек: ал ушул версиядан баштап ар бир пакетте болот.</translation>
    </message>
    <message>
        <source>The recovery file could not be written to {path}: {reason}</source>
        <translation>Калыбына келтирүү файлын {path} жазуу мүмкүн болгон жок: {reason}</translation>
    </message>
    <message>
        <source>The title in Russian</source>
        <translation>Орусча аталышы</translation>
    </message>
    <message>
        <source>The title in English</source>
        <translation>Англисче аталышы</translation>
    </message>
    <message>
        <source>No signer is set for the certificates of this community: they print with no signature lines. Set them in Settings → Certificates.</source>
        <translation>Бул жамааттын сертификаттары үчүн кол коюучу коюлган эмес: алар кол коюу саптары жок басылат. Аларды «Жөндөөлөр → Сертификаттар» бөлүмүндө коюңуз.</translation>
    </message>
    <message>
        <source>No logo is set for the certificates of this community: they print with no logos.</source>
        <translation>Бул жамааттын сертификаттары үчүн логотип коюлган эмес: алар логотипсиз басылат.</translation>
    </message>
    <message>
        <source>Title in Russian</source>
        <translation>Орусча аталышы</translation>
    </message>
    <message>
        <source>Title in English</source>
        <translation>Англисче аталышы</translation>
    </message>
    <message>
        <source>Recorded {recorded} mark(s); {walk_ins} walk-in(s) added; {refused} row(s) refused.</source>
        <translation>Жазылган белгилер: {recorded}; тизмесиз келип кошулгандар: {walk_ins}; четке кагылган саптар: {refused}.</translation>
    </message>
    <message>
        <source>Import {id}: added {added}, matched {matched}, refused {refused} (group &apos;{group}&apos;).</source>
        <translation>{id} импорту: кошулду {added}, дал келди {matched}, четке кагылды {refused} (&apos;{group}&apos; тобу).</translation>
    </message>
    <message>
        <source>{n} matched people were already members of the group.</source>
        <translation>Дал келген адамдардын ичинен топтун мүчөсү болгондор: {n}.</translation>
    </message>
</context>
</TS>
