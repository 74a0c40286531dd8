package io.leadscorer.simulator.world;

import java.util.List;

/**
 * Who filled in the form: the contact's job (department), position (seniority) and the customer type of
 * the company, each as messy multilingual terms grouped by what they mean for conversion.
 */
final class Contacts {

    enum JobGroup { PURCHASING, ENGINEERING, IT, MANAGEMENT, SALES, OPERATIONS, MARKETING, EDUCATION, CONSULTING, HEALTH, FINANCE, OTHER }

    enum PositionGroup { EXECUTIVE, MANAGER, STAFF, JUNIOR, OTHER }

    enum CustomerTypeGroup { END_CUSTOMER, SPECIFIER, CHANNEL, SERVICE_PARTNER, CONSULTANT, OTHER }

    static final List<Term<JobGroup>> JOBS = List.of(
            Term.of(JobGroup.PURCHASING, 1.0, "purchasing", "procurement", "buyer")
                    .in(Language.ES, "compras", "Gerente de Compras", "jefe de compras")
                    .in(Language.PT, "compras", "comprador")
                    .in(Language.KO, "구매").in(Language.DE, "Einkauf").in(Language.IT, "acquisti").in(Language.FR, "achats"),
            Term.of(JobGroup.ENGINEERING, 2.2, "engineering", "engineer")
                    .in(Language.ES, "ingeniero", "Ingeniería", "ingeniero de proyectos")
                    .in(Language.PT, "engenharia", "engenheiro")
                    .in(Language.KO, "엔지니어").in(Language.DE, "Ingenieur"),
            Term.of(JobGroup.IT, 1.3, "information technology", "IT", "it manager")
                    .in(Language.ES, "Sistemas", "TI", "Director de TI").in(Language.PT, "tecnologia da informação"),
            Term.of(JobGroup.MANAGEMENT, 1.0, "entrepreneurship", "owner", "general management")
                    .in(Language.ES, "gerente general", "dueño").in(Language.PT, "diretor geral", "sócio")
                    .in(Language.KO, "대표"),
            Term.of(JobGroup.SALES, 1.1, "sales", "business development")
                    .in(Language.ES, "ventas").in(Language.PT, "vendas").in(Language.KO, "영업"),
            Term.of(JobGroup.OPERATIONS, 0.9, "operations", "administrative", "facilities")
                    .in(Language.ES, "operaciones", "administración").in(Language.PT, "operações", "administrativo"),
            Term.of(JobGroup.MARKETING, 0.6, "marketing", "media and communication")
                    .in(Language.ES, "mercadeo").in(Language.PT, "comunicação"),
            Term.of(JobGroup.EDUCATION, 0.7, "education", "teacher", "student", "research")
                    .in(Language.ES, "docente", "profesor", "estudiante").in(Language.PT, "professor", "estudante"),
            Term.of(JobGroup.CONSULTING, 0.6, "consulting", "architect", "consultant")
                    .in(Language.ES, "consultor", "arquitecto").in(Language.PT, "arquiteto"),
            Term.of(JobGroup.HEALTH, 0.3, "healthcare services", "medical")
                    .in(Language.ES, "médico").in(Language.PT, "saúde"),
            Term.of(JobGroup.FINANCE, 0.4, "finance", "accounting")
                    .in(Language.ES, "finanzas", "contabilidad").in(Language.PT, "financeiro"),
            Term.of(JobGroup.OTHER, 0.8, "other", "others", "etc")
                    .in(Language.ES, "otro").in(Language.PT, "outro").in(Language.KO, "기타"));

    static final List<Term<PositionGroup>> POSITIONS = List.of(
            Term.of(PositionGroup.EXECUTIVE, 1.0, "ceo/founder", "CEO", "founder")
                    .in(Language.ES, "director general", "fundador").in(Language.PT, "fundador"),
            Term.of(PositionGroup.EXECUTIVE, 0.4, "c-level executive", "c-level executives", "CXO"),
            Term.of(PositionGroup.EXECUTIVE, 0.4, "vice president", "VP")
                    .in(Language.ES, "vicepresidente"),
            Term.of(PositionGroup.EXECUTIVE, 0.8, "director")
                    .in(Language.PT, "diretor").in(Language.KO, "이사"),
            Term.of(PositionGroup.EXECUTIVE, 0.3, "partner"),
            Term.of(PositionGroup.MANAGER, 2.5, "manager", "head of department")
                    .in(Language.ES, "gerente", "jefe").in(Language.PT, "gerente de projetos", "coordenador")
                    .in(Language.KO, "팀장"),
            Term.of(PositionGroup.STAFF, 1.2, "associate/analyst", "analyst", "specialist")
                    .in(Language.ES, "analista").in(Language.PT, "analista de sistemas"),
            Term.of(PositionGroup.STAFF, 0.5, "consultant", "technician")
                    .in(Language.ES, "técnico"),
            Term.of(PositionGroup.JUNIOR, 0.8, "entry level", "junior")
                    .in(Language.ES, "asistente").in(Language.PT, "assistente"),
            Term.of(PositionGroup.JUNIOR, 0.4, "trainee", "intern")
                    .in(Language.ES, "practicante").in(Language.PT, "estagiário"),
            Term.of(PositionGroup.OTHER, 0.8, "other", "others")
                    .in(Language.ES, "otro cargo").in(Language.PT, "outro cargo"),
            Term.of(PositionGroup.OTHER, 0.5, "none", "unpaid", "end-user"));

    static final List<Term<CustomerTypeGroup>> CUSTOMER_TYPES = List.of(
            Term.of(CustomerTypeGroup.END_CUSTOMER, 3.0, "End-Customer", "End Customer", "End-user", "End user")
                    .in(Language.ES, "Cliente final").in(Language.PT, "Cliente final", "Usuário final"),
            Term.of(CustomerTypeGroup.SPECIFIER, 1.2, "Specifier / Influencer", "Specifier/ Influencer", "Specifier"),
            Term.of(CustomerTypeGroup.CHANNEL, 1.0, "Channel Partner", "Reseller", "Dealer/Distributor", "Distributor")
                    .in(Language.ES, "Distribuidor").in(Language.PT, "Revendedor"),
            Term.of(CustomerTypeGroup.SERVICE_PARTNER, 0.7, "Service Partner", "Installer", "Solution Eco-Partner")
                    .in(Language.ES, "Instalador").in(Language.PT, "Instalador / integrador"),
            Term.of(CustomerTypeGroup.CONSULTANT, 0.6, "Consultant", "Architect/Consultant", "HVAC Engineer"),
            Term.of(CustomerTypeGroup.OTHER, 0.8, "Etc.", "Others", "Homeowner", "Developer", "Corporate")
                    .in(Language.KO, "기타 고객"));

    private Contacts() {
    }
}
