/**
 * What a customer must read in each storefront language, written out literally so the tests
 * catch a wrong file, a wrong key or a missing translation, not just "some string appeared".
 */
import type { Locale } from "../../../simulator/storefront/liquid";

export const TEXT: Record<
  Locale,
  {
    heading: string;
    intro: string;
    login: string;
    loginText: string;
    copyCode: string;
    copyLink: string;
    share: string;
    email: string;
    clicks: string;
    referred: string;
    qualified: string;
    rewards: string;
    earned: string;
    milestone: string;
    rules: string;
    error: string;
    retry: string;
    copied: string;
    emailSubject: string;
  }
> = {
  en: {
    heading: "Refer a friend",
    intro: "Give your friends a discount and earn rewards when they order.",
    login: "Log in",
    loginText: "Log in to get your personal referral link and follow your rewards.",
    copyCode: "Copy code",
    copyLink: "Copy link",
    share: "Share with friends",
    email: "Email",
    clicks: "Link clicks",
    referred: "Friends who ordered",
    qualified: "Qualified referrals",
    rewards: "Your rewards",
    earned: "Earned",
    milestone: "Next bonus",
    rules: "How it works",
    error: "We couldn't load your referral details.",
    retry: "Try again",
    copied: "Copied to clipboard",
    emailSubject: "A discount for your first order",
  },
  ru: {
    heading: "Пригласите друга",
    intro: "Дарите друзьям скидку и получайте награды за их заказы.",
    login: "Войти",
    loginText: "Войдите, чтобы получить личную реферальную ссылку и следить за наградами.",
    copyCode: "Копировать код",
    copyLink: "Копировать ссылку",
    share: "Поделиться с друзьями",
    email: "Эл. почта",
    clicks: "Переходы по ссылке",
    referred: "Друзья, сделавшие заказ",
    qualified: "Засчитанные приглашения",
    rewards: "Ваши награды",
    earned: "Заработано",
    milestone: "Следующий бонус",
    rules: "Как это работает",
    error: "Не удалось загрузить данные реферальной программы.",
    retry: "Повторить",
    copied: "Скопировано в буфер обмена",
    emailSubject: "Скидка на ваш первый заказ",
  },
  bg: {
    heading: "Препоръчайте на приятел",
    intro: "Подарете отстъпка на приятелите си и получавайте награди, когато поръчат.",
    login: "Вход",
    loginText: "Влезте в профила си, за да получите личния си линк за препоръки и да следите наградите си.",
    copyCode: "Копирай кода",
    copyLink: "Копирай линка",
    share: "Споделете с приятели",
    email: "Имейл",
    clicks: "Кликвания на линка",
    referred: "Приятели с поръчка",
    qualified: "Зачетени препоръки",
    rewards: "Вашите награди",
    earned: "Спечелени",
    milestone: "Следващ бонус",
    rules: "Как работи",
    error: "Не успяхме да заредим данните ви за препоръки.",
    retry: "Опитайте отново",
    copied: "Копирано в клипборда",
    emailSubject: "Отстъпка за първата ти поръчка",
  },
  pl: {
    heading: "Poleć znajomemu",
    intro: "Podaruj znajomym rabat i zdobywaj nagrody, gdy złożą zamówienie.",
    login: "Zaloguj się",
    loginText: "Zaloguj się, aby otrzymać swój link polecający i śledzić nagrody.",
    copyCode: "Kopiuj kod",
    copyLink: "Kopiuj link",
    share: "Udostępnij znajomym",
    email: "E-mail",
    clicks: "Kliknięcia linku",
    referred: "Znajomi z zamówieniem",
    qualified: "Zaliczone polecenia",
    rewards: "Twoje nagrody",
    earned: "Zdobyte",
    milestone: "Następny bonus",
    rules: "Jak to działa",
    error: "Nie udało się wczytać danych programu poleceń.",
    retry: "Spróbuj ponownie",
    copied: "Skopiowano do schowka",
    emailSubject: "Rabat na Twoje pierwsze zamówienie",
  },
};
