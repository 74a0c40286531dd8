package io.leadscorer.simulator.world;

import java.util.List;

/** What the lead asked for and how soon: inquiry types and expected purchase timelines, as messy terms. */
final class Inquiries {

    enum InquiryGroup { QUOTE, PRODUCT_INFO, DEMO, TECH_SUPPORT, PARTNERSHIP, SERVICE, OTHER }

    enum TimelineGroup { WITHIN_3_MONTHS, MONTHS_3_TO_6, MONTHS_6_TO_9, MONTHS_9_TO_12, OVER_A_YEAR, FOLLOWED_UP, NO_REQUIREMENT }

    static final List<Term<InquiryGroup>> INQUIRIES = List.of(
            Term.of(InquiryGroup.QUOTE, 2.0, "Quotation or purchase consultation", "Quotation or Purchase Consultation")
                    .in(Language.ES, "Solicitud de cotización", "Cotización").in(Language.PT, "Solicitação de orçamento")
                    .in(Language.KO, "견적 문의"),
            Term.of(InquiryGroup.QUOTE, 0.8, "Request for quotation or purchase", "Purchase or Quotation", "Request a quote")
                    .in(Language.ES, "Quiero comprar").in(Language.PT, "Orçamento").in(Language.KO, "구매 문의"),
            Term.of(InquiryGroup.PRODUCT_INFO, 1.0, "Product Information", "Product information request")
                    .in(Language.ES, "Información del producto").in(Language.PT, "Informações do produto")
                    .in(Language.KO, "제품 문의"),
            Term.of(InquiryGroup.PRODUCT_INFO, 0.6, "Sales Inquiry", "sales inquiry", "Contact sales")
                    .in(Language.ES, "Consulta comercial"),
            Term.of(InquiryGroup.DEMO, 0.5, "Request a Demo", "Demo request", "Request for a demonstration")
                    .in(Language.ES, "Solicitud de demostración").in(Language.PT, "Solicitar demonstração"),
            Term.of(InquiryGroup.TECH_SUPPORT, 0.7, "Technical Support", "technical_support", "Tech support")
                    .in(Language.ES, "Soporte técnico").in(Language.PT, "Suporte técnico").in(Language.KO, "기술 지원"),
            Term.of(InquiryGroup.TECH_SUPPORT, 0.5, "Usage or technical consultation", "Request for technical consulting")
                    .in(Language.ES, "Consulta técnica").in(Language.PT, "Consulta técnica"),
            Term.of(InquiryGroup.PARTNERSHIP, 0.4, "Request for partnership", "Become a partner")
                    .in(Language.ES, "Solicitud de asociación").in(Language.PT, "Quero ser parceiro"),
            Term.of(InquiryGroup.SERVICE, 0.3, "Services", "Service request"),
            Term.of(InquiryGroup.SERVICE, 0.2, "Trainings", "Training"),
            Term.of(InquiryGroup.OTHER, 0.7, "Other", "Etc.", "other_", "Customer suggestions")
                    .in(Language.ES, "Otro").in(Language.PT, "Outro").in(Language.KO, "기타 문의"));

    static final List<Term<TimelineGroup>> TIMELINES = List.of(
            Term.of(TimelineGroup.WITHIN_3_MONTHS, 1, "less than 3 months", "less than 3 months.", "Less than 3 Months")
                    .in(Language.ES, "menos de 3 meses").in(Language.PT, "menos de 3 meses"),
            Term.of(TimelineGroup.MONTHS_3_TO_6, 1, "3 months ~ 6 months", "3 - 6 months", "3-6 months")
                    .in(Language.ES, "de 3 a 6 meses").in(Language.PT, "3 a 6 meses"),
            Term.of(TimelineGroup.MONTHS_6_TO_9, 1, "6 months ~ 9 months", "6 - 9 months")
                    .in(Language.ES, "de 6 a 9 meses"),
            Term.of(TimelineGroup.MONTHS_9_TO_12, 1, "9 months ~ 1 year", "9 months - 1 year")
                    .in(Language.ES, "de 9 meses a 1 año"),
            Term.of(TimelineGroup.OVER_A_YEAR, 1, "more than a year", "more than 1 year")
                    .in(Language.ES, "más de un año").in(Language.PT, "mais de um ano"),
            Term.of(TimelineGroup.FOLLOWED_UP, 1, "being followed up", "being followed up.", "The client is being followed up"),
            Term.of(TimelineGroup.NO_REQUIREMENT, 1, "no requirement",
                    "the client is not having any requirement hence closing in system. will call back when he has requirement",
                    "No requirement at the moment")
                    .in(Language.ES, "sin requerimiento"));

    private Inquiries() {
    }
}
